namespace FluxSpecs.Errors;

/// <summary>An output could not be downloaded: refused URL, too large, or an HTTP error. The job itself was done (and billed).</summary>
public sealed class DownloadException(string message, Exception? inner = null) : FluxSpecsException(message, inner)
{
    /// <inheritdoc />
    public override bool MayHaveCharged => true;
}

namespace FluxSpecs.Errors;

/// <summary>
/// The base of every FluxSpecs error. Each says what happened and whether credits may have been spent, so a caller
/// knows whether sending again risks paying twice.
/// </summary>
public abstract class FluxSpecsException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected FluxSpecsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>True when a provider may have billed for what happened (a job that may exist, ran, or was cut short).</summary>
    public abstract bool MayHaveCharged { get; }
}

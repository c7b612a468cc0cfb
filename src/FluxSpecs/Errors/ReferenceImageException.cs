namespace FluxSpecs.Errors;

/// <summary>
/// A reference image given as a URL could not be downloaded, and the provider takes the image's bytes rather than its
/// URL. Nothing was sent to the provider.
/// </summary>
public sealed class ReferenceImageException(string parameter, string message, Exception? inner = null) : FluxSpecsException(message, inner)
{
    /// <summary>The image, as the card names it with its index: <c>input_images[1]</c>.</summary>
    public string Parameter { get; } = parameter;

    /// <inheritdoc />
    public override bool MayHaveCharged => false;
}

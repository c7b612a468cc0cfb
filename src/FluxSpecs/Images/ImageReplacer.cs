namespace FluxSpecs.Images;

/// <summary>
/// Gives the image to send in place of <paramref name="image"/>, the image at <paramref name="index"/> of the card
/// parameter <paramref name="parameter"/> (for example <c>input_images</c>); returning the image itself keeps it.
/// </summary>
public delegate ValueTask<ImageInput> ImageReplacer(string parameter, int index, ImageInput image, CancellationToken cancellationToken);

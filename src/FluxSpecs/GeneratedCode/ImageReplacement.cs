using System.ComponentModel;
using FluxSpecs.Images;

namespace FluxSpecs.GeneratedCode;

/// <summary>Replaces the images of one image-list parameter. Used by the generated <see cref="IModelRequest.WithImagesAsync"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ImageReplacement
{
    /// <summary>
    /// A new list with each image replaced by <paramref name="replace"/>, in order; null stays null (the parameter is not
    /// set).
    /// </summary>
    public static async ValueTask<IReadOnlyList<ImageInput>?> ReplaceAsync(IReadOnlyList<ImageInput>? images, string parameter, ImageReplacer replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(replace);
        if (images is null)
        {
            return null;
        }

        var replaced = new ImageInput[images.Count];
        for (var i = 0; i < replaced.Length; i++)
        {
            replaced[i] = await replace(parameter, i, images[i], cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The replacement of {parameter}[{i}] is null.");
        }

        return replaced;
    }
}

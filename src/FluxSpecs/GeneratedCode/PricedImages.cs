using System.ComponentModel;
using System.Globalization;
using FluxSpecs.Images;
using FluxSpecs.Pricing;

namespace FluxSpecs.GeneratedCode;

/// <summary>Reference images measured for pricing: bytes and local files by their headers; URLs stay unknown.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PricedImages
{
    /// <summary>Adds one entry per image of the list <paramref name="parameter"/>, labelled <c>parameter[i]</c>.</summary>
    public static void Add(List<PricedImage> images, string parameter, IReadOnlyList<ImageInput>? list)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (list is null)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            images.Add(new PricedImage(string.Create(CultureInfo.InvariantCulture, $"{parameter}[{i}]"), ImageDimensions.Read(list[i])));
        }
    }
}

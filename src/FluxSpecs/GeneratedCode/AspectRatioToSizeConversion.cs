using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The card conversion <c>aspect_ratio_to_size</c>: an aspect ratio and a megapixel tier written as width and height,
/// for providers that take pixels but no aspect ratio (BFL, Vtrix, Magnific).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>W:H</c> with a tier of <c>N MP</c>: the size with ratio W:H and N × 1024 × 1024 pixels
/// (width = √(pixels·W/H), height = √(pixels·H/W)); if a side would exceed the provider's maximum, both are scaled
/// down by the same factor (as Replicate does above 2048 px); then each side is rounded to the nearest multiple of
/// the provider's step, halves up, and never above the maximum. 16:9 at 1 MP with step 16 is 1360 × 768; 1:1 at 1 MP
/// is 1024 × 1024. No tier means 1 MP.</item>
/// <item><c>custom</c>: the request's width and height, passed through as given (a side that is not set is not sent).</item>
/// <item><c>match_input_image</c> (as the ratio or the tier): the size depends on the image, which a mapper does not
/// open; nothing is sent and the provider decides (BFL, for instance, then matches the input image).</item>
/// </list>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AspectRatioToSizeConversion
{
    /// <summary>The width and height to send.</summary>
    /// <param name="aspectRatio">The model's aspect ratio value (<c>16:9</c>, <c>custom</c>, <c>match_input_image</c>), or null when unknown (nothing is sent).</param>
    /// <param name="resolution">The model's megapixel tier (<c>1 MP</c>, <c>match_input_image</c>), or null for 1 MP.</param>
    /// <param name="width">The request's width, used with <c>custom</c>.</param>
    /// <param name="height">The request's height, used with <c>custom</c>.</param>
    /// <param name="multipleOf">The provider's pixel step.</param>
    /// <param name="maxWidth">The provider's largest width, if it has one.</param>
    /// <param name="maxHeight">The provider's largest height, if it has one.</param>
    /// <exception cref="FormatException">The ratio or tier is not one this conversion reads.</exception>
    public static PixelSize Convert(string? aspectRatio, string? resolution, long? width, long? height, long multipleOf = 1, long? maxWidth = null, long? maxHeight = null)
    {
        if (aspectRatio == SizeMath.Custom)
        {
            return new PixelSize(width, height);
        }

        if (aspectRatio is null || aspectRatio == SizeMath.MatchInputImage || resolution == SizeMath.MatchInputImage)
        {
            return PixelSize.None;
        }

        var megapixels = resolution is null ? 1 : SizeMath.ParseMegapixels(resolution);
        var (w, h) = SizeMath.Scale(SizeMath.ParseRatio(aspectRatio), megapixels, multipleOf, maxWidth, maxHeight);
        return new PixelSize(w, h);
    }
}

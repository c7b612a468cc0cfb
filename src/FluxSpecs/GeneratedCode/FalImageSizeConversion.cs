using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>The card conversion <c>fal_image_size</c>: aspect ratio, width and height written as fal's <c>image_size</c>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>1:1 → <c>square_hd</c>, 4:3 → <c>landscape_4_3</c>, 3:4 → <c>portrait_4_3</c>, 16:9 → <c>landscape_16_9</c>,
/// 9:16 → <c>portrait_16_9</c> (fal's presets, and how the AI SDK maps ratios to them).</item>
/// <item>Any other ratio → <c>{width, height}</c> at 1 MP, computed as <see cref="AspectRatioToSizeConversion"/> does
/// (3:2 → 1254 × 836 with step 1).</item>
/// <item><c>custom</c> → <c>{width, height}</c> from the request; nothing when either side is missing.</item>
/// <item><c>match_input_image</c> (or no ratio at all) → nothing: fal's edit endpoints default to <c>auto</c>, which
/// follows the input.</item>
/// </list>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FalImageSizeConversion
{
    /// <summary>The <c>image_size</c> to send, or null to send none.</summary>
    /// <exception cref="FormatException">The ratio is not one this conversion reads.</exception>
    public static FalImageSize? Convert(string? aspectRatio, long? width, long? height, long multipleOf = 1, long? maxWidth = null, long? maxHeight = null)
    {
        switch (aspectRatio)
        {
            case "1:1":
                return FalImageSize.OfPreset("square_hd");
            case "4:3":
                return FalImageSize.OfPreset("landscape_4_3");
            case "3:4":
                return FalImageSize.OfPreset("portrait_4_3");
            case "16:9":
                return FalImageSize.OfPreset("landscape_16_9");
            case "9:16":
                return FalImageSize.OfPreset("portrait_16_9");
            case null:
            case SizeMath.MatchInputImage:
                return null;
            case SizeMath.Custom:
                return width is { } w && height is { } h ? FalImageSize.OfSize(w, h) : null;
            default:
                var (sw, sh) = SizeMath.Scale(SizeMath.ParseRatio(aspectRatio), 1, multipleOf, maxWidth, maxHeight);
                return FalImageSize.OfSize(sw, sh);
        }
    }
}

using System.ComponentModel;
using System.Globalization;
using FluxSpecs.Images;
using FluxSpecs.Pricing;

namespace FluxSpecs.GeneratedCode;

/// <summary>The pixel size a conversion result stands for, so a price can be computed from it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OutputSizes
{
    /// <summary>fal's named sizes (fal's image_size presets).</summary>
    private static readonly Dictionary<string, ImageSize> FalPresets = new(StringComparer.Ordinal)
    {
        ["square_hd"] = new(1024, 1024),
        ["square"] = new(512, 512),
        ["portrait_4_3"] = new(768, 1024),
        ["portrait_16_9"] = new(576, 1024),
        ["landscape_4_3"] = new(1024, 768),
        ["landscape_16_9"] = new(1024, 576),
    };

    /// <summary>A width and height, when both are known.</summary>
    public static ImageSize? Of(PixelSize size) =>
        size is { Width: { } width, Height: { } height } ? new ImageSize(checked((int)width), checked((int)height)) : null;

    /// <summary>fal's <c>image_size</c>: a preset's size, or the explicit size.</summary>
    public static ImageSize? Of(FalImageSize? size) => size switch
    {
        { Preset: { } preset } => FalPresets.TryGetValue(preset, out var known) ? known : null,
        { } explicitSize => new ImageSize(checked((int)explicitSize.Width), checked((int)explicitSize.Height)),
        null => null,
    };

    /// <summary>A <c>"WxH"</c> size string.</summary>
    public static ImageSize? Of(string? size)
    {
        var parts = size?.Split('x');
        return parts is [var w, var h]
            && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
                ? new ImageSize(width, height)
                : null;
    }
}

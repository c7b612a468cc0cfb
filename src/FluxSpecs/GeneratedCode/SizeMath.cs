using System.Globalization;

namespace FluxSpecs.GeneratedCode;

/// <summary>The arithmetic the size conversions share: reading ratios and megapixel tiers, and turning them into pixels.</summary>
internal static class SizeMath
{
    /// <summary>1 MP, as every FLUX.2 provider counts it: 1024 × 1024 pixels.</summary>
    public const long PixelsPerMegapixel = 1024 * 1024;

    public const string Custom = "custom";

    public const string MatchInputImage = "match_input_image";

    /// <summary>Reads <c>"16:9"</c> as (16, 9).</summary>
    /// <exception cref="FormatException">The text is not two positive integers around a colon.</exception>
    public static (long Width, long Height) ParseRatio(string aspectRatio)
    {
        var colon = aspectRatio.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(aspectRatio.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && long.TryParse(aspectRatio.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w > 0 && h > 0)
        {
            return (w, h);
        }

        throw new FormatException($"'{aspectRatio}' is not an aspect ratio such as 16:9, '{Custom}' or '{MatchInputImage}'.");
    }

    /// <summary>Reads a megapixel tier such as <c>"0.5 MP"</c> or <c>"2 MP"</c>.</summary>
    /// <exception cref="FormatException">The text is not a positive number followed by <c>MP</c>.</exception>
    public static double ParseMegapixels(string resolution)
    {
        var text = resolution.AsSpan().Trim();
        if (text.EndsWith("MP", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(text[..^2].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var megapixels)
            && megapixels > 0)
        {
            return megapixels;
        }

        throw new FormatException($"'{resolution}' is not a megapixel tier such as '1 MP' or '{MatchInputImage}'.");
    }

    /// <summary>
    /// The size with the ratio <paramref name="ratio"/> and <paramref name="megapixels"/> × 1024² pixels, scaled down
    /// (keeping the ratio) until no side exceeds its maximum, each side then rounded to the nearest multiple of
    /// <paramref name="step"/> (halves up) but never above its maximum nor below one step.
    /// </summary>
    /// <remarks>
    /// When that rounding makes more pixels than the tier, a side or both lose one step: of those sizes that fit in the
    /// tier, the one closest to the ratio (the larger on a tie). Providers bill by the megapixel, rounded up, so 4:5 at
    /// 1 MP is 912 × 1136 rather than 912 × 1152, which would be billed as 2 MP; a square stays square.
    /// </remarks>
    public static (long Width, long Height) Scale((long Width, long Height) ratio, double megapixels, long step, long? maxWidth, long? maxHeight)
    {
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The pixel step must be positive.");
        }

        var pixels = megapixels * PixelsPerMegapixel;
        var width = Math.Sqrt(pixels * ratio.Width / ratio.Height);
        var height = Math.Sqrt(pixels * ratio.Height / ratio.Width);
        var scale = Math.Min(1, Math.Min(maxWidth is { } mw ? mw / width : 1, maxHeight is { } mh ? mh / height : 1));
        var (w, h) = (ToStep(width * scale, step, maxWidth), ToStep(height * scale, step, maxHeight));
        return w * h <= pixels ? (w, h) : WithinTier(w, h, (double)ratio.Width / ratio.Height, pixels, step);
    }

    private static (long Width, long Height) WithinTier(long width, long height, double ratio, double pixels, long step)
    {
        var sides = new[] { 0, step };
        var fitting =
            from dw in sides
            from dh in sides
            let w = width - dw
            let h = height - dh
            where w >= step && h >= step && w * h <= pixels
            orderby Math.Abs(((double)w / h) - ratio), w * h descending
            select (w, h);
        return fitting.Cast<(long, long)?>().FirstOrDefault() ?? (width, height);
    }

    private static long ToStep(double side, long step, long? max)
    {
        var rounded = Math.Max(1, (long)Math.Round(side / step, MidpointRounding.AwayFromZero)) * step;
        return max is { } m && rounded > m ? Math.Max(step, m / step * step) : rounded;
    }
}

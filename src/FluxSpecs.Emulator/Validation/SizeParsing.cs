using System.Globalization;

namespace FluxSpecs.Emulator.Validation;

/// <summary>Reads the size spellings providers use: <c>1024x768</c>, <c>16:9</c>, <c>0.5 MP</c>, <c>1K</c>.</summary>
internal static class SizeParsing
{
    public static bool TryParsePixels(string text, out int width, out int height)
    {
        width = height = 0;
        var x = text.IndexOfAny(['x', 'X', '*']);
        return x > 0
            && int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out height);
    }

    public static bool TryParseRatio(string text, out double across, out double down)
    {
        across = down = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && double.TryParse(text.AsSpan(0, colon), NumberStyles.Float, CultureInfo.InvariantCulture, out across)
            && double.TryParse(text.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out down)
            && across > 0 && down > 0;
    }

    /// <summary>Megapixels of a resolution tier (<c>0.5 MP</c>, <c>2 MP</c>, <c>1K</c>, <c>2k</c>); 1 for anything else (<c>auto</c>, <c>match_input_image</c>).</summary>
    public static double Megapixels(string? tier)
    {
        if (tier is null)
        {
            return 1;
        }

        var text = tier.Trim();
        if (text.EndsWith("MP", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(text.AsSpan(0, text.Length - 2).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var mp) && mp > 0)
        {
            return mp;
        }

        if (text.EndsWith('K') || text.EndsWith('k'))
        {
            // "1K" is about 1024 px on the long side of a square: 1 MP; "2K" 4 MP.
            return double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var k) && k > 0 ? k * k : 1;
        }

        return 1;
    }
}

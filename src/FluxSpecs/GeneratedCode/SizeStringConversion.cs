using System.ComponentModel;
using System.Globalization;

namespace FluxSpecs.GeneratedCode;

/// <summary>The card conversion <c>size_string</c>: width and height as one <c>"WxH"</c> field (Lumenfall's <c>size</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SizeStringConversion
{
    /// <summary>
    /// <c>(1024, 768)</c> → <c>"1024x768"</c>; null (the field is not sent, the provider decides) unless both sides are
    /// given, since one side alone cannot be written as a size.
    /// </summary>
    public static string? Convert(long? width, long? height) =>
        width is { } w && height is { } h ? string.Create(CultureInfo.InvariantCulture, $"{w}x{h}") : null;
}

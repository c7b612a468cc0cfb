using System.Globalization;
using System.Text.Json;

namespace FluxSpecs.Providers;

/// <summary>Lenient reads of provider JSON: a missing or differently typed field reads as null.</summary>
internal static class Json
{
    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A number, or a string holding one; null when absent, of another type, or beyond <see cref="decimal"/>'s range (1e400).</summary>
    public static decimal? Decimal(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetDecimal(out var value) => value,
        { ValueKind: JsonValueKind.String } text when decimal.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A whole number in <see cref="int"/>'s range (a fraction is truncated); null otherwise.</summary>
    public static int? Int(this JsonElement element, string name) =>
        element.Decimal(name) is { } value && value >= int.MinValue && value <= int.MaxValue ? (int)value : null;

    /// <summary>True for http and https URLs: an output at <c>file:</c> or any other scheme is not one to download.</summary>
    public static bool IsWeb(Uri url) => url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp;

    /// <summary>URLs (http or https) given as one string, an array of strings, or objects with a <c>url</c>.</summary>
    public static IEnumerable<Uri> Urls(JsonElement? element)
    {
        if (element is not { } value)
        {
            yield break;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String when Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url) && IsWeb(url):
                yield return url;
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    foreach (var nested in Urls(item))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Object when value.String("url") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var objectUrl) && IsWeb(objectUrl):
                yield return objectUrl;
                break;
        }
    }
}

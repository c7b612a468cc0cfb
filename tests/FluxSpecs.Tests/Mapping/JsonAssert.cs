using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluxSpecs.Mapping;
using Xunit.Sdk;

namespace FluxSpecs.Tests.Mapping;

/// <summary>Compares a payload's JSON with an expected body and, on a mismatch, names the first path that differs.</summary>
internal static class JsonAssert
{
    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The payload is <paramref name="expected"/>, property order included: both are parsed and written back compactly,
    /// so only whitespace and escaping may differ.
    /// </summary>
    public static void Body(string expected, ProviderPayload payload)
    {
        var actual = payload.GetJsonText();
        if (Canonicalize(expected) != Canonicalize(actual))
        {
            throw new XunitException(
                $"The {payload.ProviderId} body differs{Where(expected, actual) ?? " in property order"}.{Environment.NewLine}"
                + $"Expected: {Canonicalize(expected)}{Environment.NewLine}Actual:   {Canonicalize(actual)}");
        }
    }

    /// <summary>
    /// The payload is <paramref name="expected"/> as a JSON document: the same properties with the same values, in any
    /// order (for seed examples, whose property order is arbitrary).
    /// </summary>
    public static void Equivalent(string expected, ProviderPayload payload)
    {
        var actual = payload.GetJsonText();
        if (Where(expected, actual) is { } difference)
        {
            throw new XunitException($"The {payload.ProviderId} body differs{difference}.{Environment.NewLine}Actual: {Canonicalize(actual)}");
        }
    }

    /// <summary>Parses a payload strictly: a property written twice is an error, as most providers' parsers would make it.</summary>
    public static JsonDocument Parse(ProviderPayload payload) =>
        JsonDocument.Parse(payload.Json, new JsonDocumentOptions { AllowDuplicateProperties = false });

    private static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Canonical))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>" at $.input.width: expected 768, actual 770", or null when the documents are equal ignoring order.</summary>
    private static string? Where(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual, new JsonDocumentOptions { AllowDuplicateProperties = false });
        return Compare(e.RootElement, a.RootElement, "$");
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind
            && !(expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False))
        {
            return $" at {path}: expected {expected.ValueKind} {expected.GetRawText()}, actual {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (expectedNames.Except(actualNames).FirstOrDefault() is { } missing)
                {
                    return $" at {path}: {missing} is missing";
                }

                if (actualNames.Except(expectedNames).FirstOrDefault() is { } extra)
                {
                    return $" at {path}: {extra} is not expected (value {actual.GetProperty(extra).GetRawText()})";
                }

                return expectedNames.Select(name => Compare(expected.GetProperty(name), actual.GetProperty(name), path + "." + name)).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $" at {path}: expected {expected.GetArrayLength()} items, actual {actual.GetArrayLength()}";
                }

                return expected.EnumerateArray().Zip(actual.EnumerateArray())
                    .Select((pair, i) => Compare(pair.First, pair.Second, $"{path}[{i}]"))
                    .FirstOrDefault(d => d is not null);
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $" at {path}: expected {expected.GetRawText()}, actual {actual.GetRawText()}";
            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal() ? null : $" at {path}: expected {expected.GetRawText()}, actual {actual.GetRawText()}";
            default:
                return expected.ValueKind == actual.ValueKind ? null : $" at {path}: expected {expected.GetRawText()}, actual {actual.GetRawText()}";
        }
    }
}

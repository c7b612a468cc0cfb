using System.Text.Json;

namespace FluxSpecs.Providers;

/// <summary>
/// Reads a provider's error code and message from the shapes providers use: <c>{"error": {"code", "message"}}</c>
/// (OpenAI-style, Vtrix, Lumenfall), <c>{"error": "…"}</c>, <c>{"detail": "…"}</c> and FastAPI's
/// <c>{"detail": [{"loc", "msg"}]}</c> (Replicate, BFL, fal), <c>{"message": "…"}</c>, <c>{"title": "…"}</c>.
/// </summary>
public static class ProviderErrors
{
    /// <summary>The code and message in <paramref name="body"/>, either null when absent.</summary>
    public static (string? Code, string? Message) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, body.ValueKind == JsonValueKind.String ? body.GetString() : null);
        }

        if (body.TryGetProperty("error", out var error) && ReadError(error) is { } fromError && (fromError.Code ?? fromError.Message) is not null)
        {
            return (fromError.Code ?? Text(body, "code"), fromError.Message);
        }

        if (body.TryGetProperty("detail", out var detail))
        {
            if (detail.ValueKind == JsonValueKind.String)
            {
                return (Text(body, "title") ?? Text(body, "code"), detail.GetString());
            }

            if (detail.ValueKind == JsonValueKind.Array)
            {
                var messages = detail.EnumerateArray()
                    .Select(item => item.ValueKind == JsonValueKind.Object
                        ? Location(item) + (Text(item, "msg") ?? Text(item, "message") ?? item.GetRawText())
                        : item.ToString())
                    .ToList();
                return ("validation_error", string.Join("; ", messages));
            }
        }

        return (Text(body, "code") ?? Text(body, "title"), Text(body, "message"));
    }

    /// <summary>The code and message of an <c>error</c> value: an object with code/message, or a plain string.</summary>
    public static (string? Code, string? Message) ReadError(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.Object => (Text(error, "code") ?? Text(error, "type"), Text(error, "message") ?? Text(error, "detail")),
        JsonValueKind.String => (null, error.GetString()),
        _ => (null, null),
    };

    private static string Location(JsonElement item) =>
        item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
            ? string.Join(".", loc.EnumerateArray().Select(part => part.ToString())) + ": "
            : "";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;
}

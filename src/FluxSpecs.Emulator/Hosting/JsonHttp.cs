using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FluxSpecs.Emulator.Hosting;

/// <summary>Small helpers for JSON requests and responses.</summary>
internal static class JsonHttp
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(Compact), context.RequestAborted).ConfigureAwait(false);
    }

    public static byte[] Serialize(JsonNode body) => JsonSerializer.SerializeToUtf8Bytes(body, Compact);

    /// <summary>Reads the body; returns the bytes and the JSON object, or an error message when it is not a JSON object.</summary>
    public static async Task<(byte[] Raw, JsonObject? Body, string? Error)> ReadObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var raw = buffer.ToArray();
        if (raw.Length == 0)
        {
            return (raw, null, "The request body is empty; a JSON object is expected.");
        }

        try
        {
            return JsonNode.Parse(raw) is JsonObject body
                ? (raw, body, null)
                : (raw, null, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            return (raw, null, "The request body is not valid JSON: " + e.Message);
        }
    }

    /// <summary>An ISO 8601 UTC timestamp with microseconds, as the providers write them.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The emulator's base address as this request reached it (scheme, host and path base), ending with a slash.</summary>
    public static Uri BaseAddress(HttpContext context)
    {
        var request = context.Request;
        var pathBase = request.PathBase.HasValue ? request.PathBase.Value!.TrimEnd('/') : "";
        return new Uri($"{request.Scheme}://{request.Host}{pathBase}/");
    }
}

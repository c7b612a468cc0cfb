using System.Collections.ObjectModel;

namespace FluxSpecs.Webhooks;

/// <summary>
/// One webhook call as it was received: the body bytes exactly as they arrived (signatures cover those bytes, so never
/// re-serialize the JSON before verifying) and the request headers, looked up without regard to case.
/// </summary>
/// <example>
/// From ASP.NET Core (FluxSpecs itself does not depend on it):
/// <code>
/// using var buffer = new MemoryStream();
/// await httpRequest.Body.CopyToAsync(buffer);
/// var delivery = new WebhookDelivery(buffer.ToArray(), httpRequest.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
/// </code>
/// </example>
public sealed class WebhookDelivery
{
    /// <summary>A delivery with one value per header (several values of a name are joined with <c>", "</c>).</summary>
    public WebhookDelivery(ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Body = body;
        Headers = Collect(headers.Select(h => (h.Key, (IEnumerable<string>)[h.Value])));
    }

    /// <summary>A delivery with several values per header, as <see cref="System.Net.Http.Headers.HttpHeaders"/> holds them.</summary>
    public WebhookDelivery(ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Body = body;
        Headers = Collect(headers.Select(h => (h.Key, h.Value)));
    }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The headers by name, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The value of a header, or null when it is absent or empty.</summary>
    public string? Header(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>The body's size and the header names; never their values.</summary>
    public override string ToString() => $"webhook delivery: {Body.Length} bytes, headers [{string.Join(", ", Headers.Keys)}]";

    private static ReadOnlyDictionary<string, string> Collect(IEnumerable<(string Name, IEnumerable<string> Values)> headers)
    {
        var collected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            if (name is null || values is null)
            {
                continue;
            }

            var value = string.Join(", ", values.Where(v => v is not null));
            collected[name] = collected.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        return collected.AsReadOnly();
    }
}

using System.Net.Http.Headers;

namespace FluxSpecs.Providers;

/// <summary>How a provider takes its API key: the header, and the scheme before the key when the header is <c>Authorization</c>.</summary>
/// <param name="Header">The header name (<c>Authorization</c>, <c>x-key</c> …).</param>
/// <param name="Scheme">The scheme of an <c>Authorization</c> header (<c>Bearer</c>, <c>Key</c>); null for a header that holds the bare key.</param>
public sealed record ProviderAuth(string Header, string? Scheme = null)
{
    /// <summary><c>Authorization: Bearer {key}</c>.</summary>
    public static ProviderAuth Bearer { get; } = new("Authorization", "Bearer");

    /// <summary>Puts <paramref name="apiKey"/> on <paramref name="request"/>; nothing when there is no key.</summary>
    internal void Apply(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is null)
        {
            return;
        }

        if (Scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(Scheme, apiKey);
        }
        else
        {
            request.Headers.Add(Header, apiKey);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Scheme is null ? Header + ": {key}" : Header + ": " + Scheme + " {key}";
}

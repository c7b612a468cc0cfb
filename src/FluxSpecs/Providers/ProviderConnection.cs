using FluxSpecs.Errors;

namespace FluxSpecs.Providers;

/// <summary>Where a provider is and how to authenticate: an <see cref="HttpClient"/>, the base URL, and the key.</summary>
/// <remarks>The key never appears in <see cref="ToString"/>, logs or exception messages.</remarks>
public sealed class ProviderConnection
{
    /// <summary>The default of <see cref="MaxResponseBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    /// <summary>Creates a connection.</summary>
    public ProviderConnection(HttpClient http, Uri baseUrl, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        Http = http;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        ApiKey = apiKey;
    }

    /// <summary>The client requests go through.</summary>
    public HttpClient Http { get; }

    /// <summary>The provider's base URL, ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API key; null where the provider needs none.</summary>
    public string? ApiKey { get; }

    /// <summary>
    /// The largest answer read from the provider; a larger one is refused with a <see cref="ProviderException"/> rather
    /// than read into memory. Answers that carry images inline (Lumenfall's <c>b64_json</c>, fal's <c>sync_mode</c>)
    /// count their images. Default 64 MiB.
    /// </summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>A URL under <see cref="BaseUrl"/>.</summary>
    public Uri Url(string relative) => new(BaseUrl, relative.TrimStart('/'));

    /// <summary>
    /// A URL the provider handed out for a job (BFL's <c>polling_url</c>, fal's <c>status_url</c>, Replicate's
    /// <c>urls.get</c>), if the key may be sent to it: an absolute https URL, or any URL on the base URL's own scheme,
    /// host and port (the emulator, a private gateway). Null otherwise, so a key never travels in clear text to a host
    /// that was not configured.
    /// </summary>
    public Uri? TrustedLink(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var link))
        {
            return null;
        }

        var sameOrigin = link.Scheme == BaseUrl.Scheme && string.Equals(link.Host, BaseUrl.Host, StringComparison.OrdinalIgnoreCase) && link.Port == BaseUrl.Port;
        return link.Scheme == Uri.UriSchemeHttps || sameOrigin ? link : null;
    }

    /// <summary>A request to <paramref name="url"/> carrying the key the way <paramref name="auth"/> says.</summary>
    internal HttpRequestMessage Request(ProviderAuth auth, HttpMethod method, Uri url, HttpContent? content = null)
    {
        var request = ProviderHttp.Request(method, url, content);
        auth.Apply(request, ApiKey);
        return request;
    }

    /// <inheritdoc />
    public override string ToString() => $"{BaseUrl} (key {(ApiKey is null ? "not set" : "set")})";
}

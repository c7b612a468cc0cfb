namespace FluxSpecs.Providers;

/// <summary>Where a provider is and how to authenticate: an <see cref="HttpClient"/>, the base URL, and the key.</summary>
/// <remarks>The key never appears in <see cref="ToString"/>, logs or exception messages.</remarks>
public sealed class ProviderConnection
{
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

    /// <summary>A URL under <see cref="BaseUrl"/>.</summary>
    public Uri Url(string relative) => new(BaseUrl, relative.TrimStart('/'));

    /// <inheritdoc />
    public override string ToString() => $"{BaseUrl} (key {(ApiKey is null ? "not set" : "set")})";
}

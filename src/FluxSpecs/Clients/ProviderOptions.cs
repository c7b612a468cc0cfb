namespace FluxSpecs.Clients;

/// <summary>How to reach one provider. Unset values come from the environment, then the provider's defaults.</summary>
public sealed class ProviderOptions
{
    /// <summary>The API key; when null, read from the provider's variable (<c>BFL_API_KEY</c> …). Never logged or printed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The base URL; when null, <c>FLUXSPECS_{ID}_BASE_URL</c>, else the provider's public API.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Retries and timeouts for this provider's calls; when null, <see cref="FluxSpecsOptions.Retry"/>. (Downloads,
    /// which may come from any host, always use <see cref="FluxSpecsOptions.Retry"/>.)
    /// </summary>
    public RetryOptions? Retry { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{BaseUrl?.ToString() ?? "default URL"} (key {(ApiKey is null ? "from environment" : "set")})";
}

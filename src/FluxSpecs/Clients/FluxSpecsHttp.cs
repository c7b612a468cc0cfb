using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.Clients;

/// <summary>Builds the HTTP pipeline FluxSpecs needs: resilience (Microsoft.Extensions.Http.Resilience), per-attempt spans and logs.</summary>
public static class FluxSpecsHttp
{
    /// <summary>The name of the <see cref="HttpClient"/> FluxSpecs registers with <c>IHttpClientFactory</c>.</summary>
    public const string ClientName = "FluxSpecs";

    /// <summary>
    /// The handler FluxSpecs sends with when it makes its own client (and registers with <c>IHttpClientFactory</c>). It
    /// follows no redirects: a provider's key travels in headers that .NET would forward to wherever a redirect points
    /// (only <c>Authorization</c> is dropped), so a redirected API call is an error instead, and downloads follow
    /// redirects themselves, checking each hop.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,

        // Connections are renewed so that a provider's DNS changes are seen by a long-lived client.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>The resilience handler in front of <paramref name="inner"/>, with the same retries for every call (on the system clock).</summary>
    public static DelegatingHandler CreateHandler(RetryOptions retry, ILogger logger, HttpMessageHandler? inner)
    {
        ArgumentNullException.ThrowIfNull(retry);
        return Create(new ResiliencePipelines(_ => retry, TimeProvider.System, logger), inner);
    }

    /// <summary>
    /// The resilience handler in front of <paramref name="inner"/>: each provider's calls with its
    /// <see cref="ProviderOptions.Retry"/>, the rest (and downloads) with <see cref="FluxSpecsOptions.Retry"/>; delays and
    /// timeouts on <see cref="FluxSpecsOptions.TimeProvider"/>.
    /// </summary>
    public static DelegatingHandler CreateHandler(FluxSpecsOptions options, ILogger logger, HttpMessageHandler? inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pipelines = new ResiliencePipelines(
            id => id is not null && options.Providers.TryGetValue(id, out var provider) && provider.Retry is { } retry ? retry : options.Retry,
            options.TimeProvider,
            logger);
        return Create(pipelines, inner);
    }

    private static DelegatingHandler Create(ResiliencePipelines pipelines, HttpMessageHandler? inner)
    {
        var handler = new ResilienceHandler(pipelines.For);
        if (inner is not null)
        {
            handler.InnerHandler = inner;
        }

        return handler;
    }
}

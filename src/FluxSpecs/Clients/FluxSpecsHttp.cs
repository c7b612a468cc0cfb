using Microsoft.Extensions.Logging;

namespace FluxSpecs.Clients;

/// <summary>Builds the HTTP pipeline FluxSpecs needs: resilience (Polly.Core), per-attempt spans and logs.</summary>
public static class FluxSpecsHttp
{
    /// <summary>The name of the <see cref="HttpClient"/> FluxSpecs registers with <c>IHttpClientFactory</c>.</summary>
    public const string ClientName = "FluxSpecs";

    /// <summary>The resilience handler in front of <paramref name="inner"/>.</summary>
    public static DelegatingHandler CreateHandler(RetryOptions retry, ILogger logger, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(logger);
        var handler = new ResilienceHandler(retry, logger);
        if (inner is not null)
        {
            handler.InnerHandler = inner;
        }

        return handler;
    }
}

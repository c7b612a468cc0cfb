using FluxSpecs.Clients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FluxSpecs with dependency injection.</summary>
public static class FluxSpecsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="FluxSpecsClient"/> whose <see cref="HttpClient"/> comes from
    /// <c>IHttpClientFactory</c> (named <see cref="FluxSpecsHttp.ClientName"/>) with FluxSpecs' resilience handler.
    /// Keys not configured here are read from the environment (<c>BFL_API_KEY</c> …). A <see cref="TimeProvider"/> in the
    /// container becomes <see cref="FluxSpecsOptions.TimeProvider"/> unless that was set.
    /// </summary>
    public static IServiceCollection AddFluxSpecs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FluxSpecsOptions>();

        // The application's clock, when it registered one (a test's fake clock), unless the options name another.
        options.PostConfigure<IServiceProvider>((fluxSpecs, provider) =>
        {
            if (ReferenceEquals(fluxSpecs.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } clock)
            {
                fluxSpecs.TimeProvider = clock;
            }
        });

        services.AddHttpClient(FluxSpecsHttp.ClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(FluxSpecsHttp.CreatePrimaryHandler)
            .AddHttpMessageHandler(provider => FluxSpecsHttp.CreateHandler(
                provider.GetRequiredService<IOptions<FluxSpecsOptions>>().Value,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<FluxSpecsClient>(),
                inner: null));
        services.TryAddSingleton(provider => new FluxSpecsClient(
            provider.GetRequiredService<IOptions<FluxSpecsOptions>>().Value,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(FluxSpecsHttp.ClientName),
            provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>Registers FluxSpecs (as <see cref="AddFluxSpecs(IServiceCollection)"/>) with options set by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddFluxSpecs(this IServiceCollection services, Action<FluxSpecsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FluxSpecsOptions>().Configure(configure);
        return services.AddFluxSpecs();
    }

    /// <summary>
    /// Registers FluxSpecs with options bound from <paramref name="configuration"/> (for example the <c>FluxSpecs</c>
    /// section: <c>Providers:bfl:ApiKey</c>, <c>Providers:bfl:BaseUrl</c>, <c>Providers:bfl:Retry:MaxRetries</c>,
    /// <c>Retry:MaxRetries</c>, <c>Polling:Timeout</c> …).
    /// </summary>
    public static IServiceCollection AddFluxSpecs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FluxSpecsOptions>().Bind(configuration);
        return services.AddFluxSpecs();
    }
}

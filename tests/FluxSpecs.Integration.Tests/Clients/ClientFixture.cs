using FluxSpecs.Clients;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>
/// Client options that point every provider at a running emulator, with fast polling for its short jobs; on the emulator's
/// clock when a test gives one.
/// </summary>
public static class ClientFixture
{
    public static FluxSpecsOptions Options(EmulatedProviders providers, string key = EmulatedProviders.Key, TimeProvider? clock = null)
    {
        var options = new FluxSpecsOptions
        {
            TimeProvider = clock ?? TimeProvider.System,
            AllowLoopbackHttp = true,
            Polling = new PollingOptions
            {
                MinInterval = TimeSpan.FromMilliseconds(10),
                MaxInterval = TimeSpan.FromMilliseconds(100),
                TypicalRunTime = TimeSpan.FromMilliseconds(50),
                Timeout = TimeSpan.FromSeconds(30),
            },
            Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(2) },
        };
        foreach (var id in Providers.ProviderRegistry.Ids)
        {
            options.Providers[id] = new ProviderOptions { ApiKey = key, BaseUrl = providers.Server.ProviderBaseUrl(id) };
        }

        return options;
    }

    public static FluxSpecsClient Client(EmulatedProviders providers, ILoggerFactory? logging = null, TimeProvider? clock = null) => new(Options(providers, clock: clock), logging);
}

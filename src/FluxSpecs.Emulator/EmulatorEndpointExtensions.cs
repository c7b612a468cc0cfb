using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Providers.Bfl;
using FluxSpecs.Emulator.Providers.CoreToday;
using FluxSpecs.Emulator.Providers.Fal;
using FluxSpecs.Emulator.Providers.Files;
using FluxSpecs.Emulator.Providers.Lumenfall;
using FluxSpecs.Emulator.Providers.Magnific;
using FluxSpecs.Emulator.Providers.Replicate;
using FluxSpecs.Emulator.Providers.Vtrix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.Emulator;

/// <summary>Hosts the emulator in any ASP.NET Core app: <c>services.AddFluxSpecsEmulator()</c> and <c>app.MapFluxSpecsEmulator()</c>.</summary>
public static class EmulatorEndpointExtensions
{
    /// <summary>The emulator's one list of providers: each provider folder's endpoints, by the id they serve.</summary>
    private static readonly (string Id, Func<EmulatorRuntime, ProviderEndpoints> Create)[] Providers =
    [
        (ReplicateEndpoints.Id, runtime => new ReplicateEndpoints(runtime)),
        (CoreTodayEndpoints.Id, runtime => new CoreTodayEndpoints(runtime)),
        (BflEndpoints.Id, runtime => new BflEndpoints(runtime)),
        (VtrixEndpoints.Id, runtime => new VtrixEndpoints(runtime)),
        (FalEndpoints.Id, runtime => new FalEndpoints(runtime)),
        (MagnificEndpoints.Id, runtime => new MagnificEndpoints(runtime)),
        (LumenfallEndpoints.Id, runtime => new LumenfallEndpoints(runtime)),
    ];

    /// <summary>The provider ids the emulator serves, each under <c>/{id}/</c>.</summary>
    public static IReadOnlyList<string> ProviderIdsServed { get; } = [.. Providers.Select(provider => provider.Id)];

    /// <summary>Registers the emulator's <see cref="EmulatorRuntime"/> with <paramref name="options"/>.</summary>
    public static IServiceCollection AddFluxSpecsEmulator(this IServiceCollection services, EmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(options ?? new EmulatorOptions());
        services.AddSingleton<EmulatorRuntime>();
        return services;
    }

    /// <summary>
    /// Maps every provider under <c>/{provider-id}/</c> (and a provider's other hosts under their own prefix: fal's
    /// synchronous fal.run under <c>/fal-run/</c>), the images under <c>/files/</c>, and the emulator's own API under
    /// <c>/_emulator/</c>, on <paramref name="endpoints"/> (which may be a route group with a prefix).
    /// </summary>
    public static IEndpointRouteBuilder MapFluxSpecsEmulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var runtime = endpoints.ServiceProvider.GetRequiredService<EmulatorRuntime>();
        foreach (var provider in Providers.Select(provider => provider.Create(runtime)).Append(new FileEndpoints(runtime)))
        {
            provider.Map(endpoints.MapGroup("/" + provider.ProviderId));
            provider.MapOtherHosts(endpoints);
        }

        ControlEndpoints.Map(endpoints, runtime);
        return endpoints;
    }
}

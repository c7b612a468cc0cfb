using FluxSpecs.Providers.Bfl;
using FluxSpecs.Providers.CoreToday;
using FluxSpecs.Providers.Fal;
using FluxSpecs.Providers.Lumenfall;
using FluxSpecs.Providers.Magnific;
using FluxSpecs.Providers.Replicate;
using FluxSpecs.Providers.Vtrix;

namespace FluxSpecs.Providers;

/// <summary>The protocol of each provider id, with its default base URL and key variable.</summary>
public static class ProviderProtocols
{
    /// <summary>Every provider id that has a protocol (all but <c>local</c>, which is the emulator speaking these).</summary>
    public static IReadOnlyList<string> ProviderIds { get; } =
    [
        FluxSpecs.ProviderIds.Replicate,
        FluxSpecs.ProviderIds.CoreToday,
        FluxSpecs.ProviderIds.Bfl,
        FluxSpecs.ProviderIds.Vtrix,
        FluxSpecs.ProviderIds.Fal,
        FluxSpecs.ProviderIds.Magnific,
        FluxSpecs.ProviderIds.Lumenfall,
    ];

    /// <summary>The protocol for <paramref name="providerId"/> over <paramref name="connection"/>.</summary>
    /// <exception cref="ArgumentException">The id is not a provider with a protocol.</exception>
    public static IProviderProtocol Create(string providerId, ProviderConnection connection) => providerId switch
    {
        FluxSpecs.ProviderIds.Replicate => new ReplicateProtocol(connection),
        FluxSpecs.ProviderIds.CoreToday => new CoreTodayProtocol(connection),
        FluxSpecs.ProviderIds.Bfl => new BflProtocol(connection),
        FluxSpecs.ProviderIds.Vtrix => new VtrixProtocol(connection),
        FluxSpecs.ProviderIds.Fal => new FalProtocol(connection),
        FluxSpecs.ProviderIds.Magnific => new MagnificProtocol(connection),
        FluxSpecs.ProviderIds.Lumenfall => new LumenfallProtocol(connection),
        _ => throw new ArgumentException($"'{providerId}' is not a provider with a protocol; known: {string.Join(", ", ProviderIds)}.", nameof(providerId)),
    };

    /// <summary>The provider's public API base URL.</summary>
    public static Uri DefaultBaseUrl(string providerId) => new(providerId switch
    {
        FluxSpecs.ProviderIds.Replicate => "https://api.replicate.com/",
        FluxSpecs.ProviderIds.CoreToday => "https://api.core.today/",
        FluxSpecs.ProviderIds.Bfl => "https://api.bfl.ai/",
        FluxSpecs.ProviderIds.Vtrix => "https://cloud.vtrix.ai/",
        FluxSpecs.ProviderIds.Fal => "https://queue.fal.run/",
        FluxSpecs.ProviderIds.Magnific => "https://api.magnific.com/",
        FluxSpecs.ProviderIds.Lumenfall => "https://api.lumenfall.ai/",
        _ => throw new ArgumentException($"'{providerId}' is not a provider with a protocol.", nameof(providerId)),
    });

    /// <summary>The environment variable that holds the provider's key (<c>BFL_API_KEY</c> …).</summary>
    public static string KeyVariable(string providerId) => providerId switch
    {
        FluxSpecs.ProviderIds.Replicate => "REPLICATE_API_TOKEN",
        FluxSpecs.ProviderIds.CoreToday => "CORE_TODAY_API_KEY",
        FluxSpecs.ProviderIds.Bfl => "BFL_API_KEY",
        FluxSpecs.ProviderIds.Vtrix => "VTRIX_API_KEY",
        FluxSpecs.ProviderIds.Fal => "FAL_KEY",
        FluxSpecs.ProviderIds.Magnific => "MAGNIFIC_API_KEY",
        FluxSpecs.ProviderIds.Lumenfall => "LUMENFALL_API_KEY",
        _ => throw new ArgumentException($"'{providerId}' is not a provider with a protocol.", nameof(providerId)),
    };

    /// <summary>The environment variable that overrides the base URL: <c>FLUXSPECS_{ID}_BASE_URL</c> (<c>core-today</c> → <c>CORE_TODAY</c>).</summary>
    public static string BaseUrlVariable(string providerId) =>
        "FLUXSPECS_" + providerId.Replace('-', '_').ToUpperInvariant() + "_BASE_URL";
}

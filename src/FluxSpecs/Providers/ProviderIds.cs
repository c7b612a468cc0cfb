using FluxSpecs.Providers.Bfl;
using FluxSpecs.Providers.CoreToday;
using FluxSpecs.Providers.Fal;
using FluxSpecs.Providers.Lumenfall;
using FluxSpecs.Providers.Magnific;
using FluxSpecs.Providers.Replicate;
using FluxSpecs.Providers.Vtrix;

namespace FluxSpecs;

/// <summary>
/// The built-in provider ids, for code that names one (<c>request.EstimatePrice(ProviderIds.Bfl)</c>). Each is its
/// provider folder's id; <see cref="Providers.ProviderRegistry"/> knows every registered provider, these and others.
/// The generator reads these constants from the compilation to know which providers a card may name.
/// </summary>
public static class ProviderIds
{
    /// <summary>Replicate.</summary>
    public const string Replicate = ReplicateProvider.Id;

    /// <summary>core.today.</summary>
    public const string CoreToday = CoreTodayProvider.Id;

    /// <summary>Black Forest Labs.</summary>
    public const string Bfl = BflProvider.Id;

    /// <summary>Vtrix.</summary>
    public const string Vtrix = VtrixProvider.Id;

    /// <summary>fal.ai.</summary>
    public const string Fal = FalProvider.Id;

    /// <summary>Magnific (Freepik).</summary>
    public const string Magnific = MagnificProvider.Id;

    /// <summary>Lumenfall.</summary>
    public const string Lumenfall = LumenfallProvider.Id;

    /// <summary>The built-in emulator, which speaks every provider's protocol.</summary>
    public const string Local = "local";
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using FluxSpecs.Providers.Bfl;
using FluxSpecs.Providers.CoreToday;
using FluxSpecs.Providers.Fal;
using FluxSpecs.Providers.Lumenfall;
using FluxSpecs.Providers.Magnific;
using FluxSpecs.Providers.Replicate;
using FluxSpecs.Providers.Vtrix;

namespace FluxSpecs.Providers;

/// <summary>
/// The providers FluxSpecs can speak to: the built-in ones, and any an application registers. This is the one list of
/// providers; everything else (clients, generated mappers, webhooks, the CLI) finds a provider here by id.
/// </summary>
/// <remarks>
/// A registry is process-wide, like <c>DbProviderFactories</c>: generated requests build their bodies from a static
/// context, and a provider is a fact about the process, not about one client. Register a provider once, at start-up,
/// before a request for it is mapped; its cards name it under <c>providers:</c> and the project lists its id in the
/// <c>FluxSpecsProviders</c> MSBuild property so the generator accepts it.
/// </remarks>
public static class ProviderRegistry
{
    private static ImmutableDictionary<string, ProviderDefinition> s_byId = ImmutableDictionary.CreateRange(
        StringComparer.Ordinal,
        new[]
        {
            ReplicateProvider.Definition,
            CoreTodayProvider.Definition,
            BflProvider.Definition,
            VtrixProvider.Definition,
            FalProvider.Definition,
            MagnificProvider.Definition,
            LumenfallProvider.Definition,
        }.Select(definition => KeyValuePair.Create(definition.Id, definition)));

    /// <summary>Every registered provider, ordered by id.</summary>
    public static IReadOnlyList<ProviderDefinition> All => [.. s_byId.Values.OrderBy(definition => definition.Id, StringComparer.Ordinal)];

    /// <summary>The ids of every registered provider, ordered.</summary>
    public static IReadOnlyList<string> Ids => [.. s_byId.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The provider with <paramref name="providerId"/>.</summary>
    /// <exception cref="ArgumentException">No provider with that id is registered; the message lists those that are.</exception>
    public static ProviderDefinition Get(string providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        if (TryGet(providerId, out var definition))
        {
            return definition;
        }

        var local = providerId == ProviderIds.Local
            ? " 'local' is the emulator, which speaks each provider's protocol: point that provider's base URL at it instead."
            : string.Empty;
        throw new ArgumentException($"'{providerId}' is not a registered provider; registered: {string.Join(", ", Ids)}.{local}", nameof(providerId));
    }

    /// <summary>The provider with <paramref name="providerId"/>, if one is registered.</summary>
    public static bool TryGet(string providerId, [NotNullWhen(true)] out ProviderDefinition? definition) =>
        s_byId.TryGetValue(providerId, out definition);

    /// <summary>Adds a provider (at start-up, before a request for it is mapped or sent).</summary>
    /// <exception cref="ArgumentException">A different provider with the same id is registered, or the id is <c>local</c>.</exception>
    public static void Register(ProviderDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id == ProviderIds.Local)
        {
            throw new ArgumentException("'local' is the built-in emulator's id; a provider cannot take it.", nameof(definition));
        }

        ImmutableInterlocked.Update(ref s_byId, registered =>
        {
            if (registered.TryGetValue(definition.Id, out var existing))
            {
                return ReferenceEquals(existing, definition)
                    ? registered
                    : throw new ArgumentException($"A provider with id '{definition.Id}' is already registered ({existing}).", nameof(definition));
            }

            return registered.Add(definition.Id, definition);
        });
    }
}

using System.Collections.Immutable;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>What the analyzer knows about a generated request type, read from its attributes (<see cref="RuleReader"/>).</summary>
    /// <param name="Providers">The providers the card has a section for, in the card's order.</param>
    /// <param name="OptionsOf">For a provider-options record, its provider; null for a request type.</param>
    internal sealed record RequestRules(string ModelId, ImmutableArray<string> Providers, ImmutableArray<ParameterRules> Parameters, string? OptionsOf)
    {
        /// <summary>The card's pixel budgets: the model's (no provider), then each provider's narrower one.</summary>
        public ImmutableArray<(string? Provider, PixelBudget Budget)> PixelBudgets { get; init; } = ImmutableArray<(string?, PixelBudget)>.Empty;

        public ParameterRules? Find(string propertyName) => Parameters.FirstOrDefault(p => p.PropertyName == propertyName);

        public ParameterRules? Named(string cardName) => Parameters.FirstOrDefault(p => p.Name == cardName);
    }

    /// <summary>The rules of one request property, the model's and each provider's.</summary>
    /// <param name="Name">The card's name of the parameter, which messages use.</param>
    /// <param name="Values">For an enum, its members with their wire values; otherwise empty.</param>
    /// <param name="ProviderLimits">Narrower limits by provider id.</param>
    /// <param name="ProviderValues">By provider id, the enum values it accepts when it does not accept them all.</param>
    /// <param name="RejectedBy">The providers that fail a request setting this parameter.</param>
    internal sealed record ParameterRules(
        string Name,
        string PropertyName,
        ParameterKind Kind,
        string? Default,
        Limits Limits,
        ImmutableArray<EnumValueSpec> Values,
        Applicability? Applicability,
        ImmutableDictionary<string, Limits> ProviderLimits,
        ImmutableDictionary<string, ImmutableArray<string>> ProviderValues,
        ImmutableHashSet<string> RejectedBy);
}

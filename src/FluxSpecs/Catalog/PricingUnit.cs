namespace FluxSpecs.Catalog;

/// <summary>What a provider's prices are in.</summary>
public enum PricingUnit
{
    /// <summary>US dollars.</summary>
    Usd,

    /// <summary>The provider's credits (<see cref="PricingDescriptor.CreditUsd"/> gives their USD value when published).</summary>
    Credits,
}

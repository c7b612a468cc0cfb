using System.Linq;

namespace FluxSpecs.Generator.Model
{
    /// <summary>One provider's section of a card.</summary>
    /// <param name="OptionsTypeName">The C# options class for <paramref name="Extra"/> parameters, or null when none.</param>
    /// <param name="PropertyName">The request property holding those options (the provider id in PascalCase).</param>
    internal sealed record ProviderSpec(
        string Id,
        string PropertyName,
        string Model,
        string? EditModel,
        string? Docs,
        EquatableArray<ParameterMapping> Parameters,
        EquatableArray<Combination> Combine,
        EquatableArray<string> Unsupported,
        bool DropUnsupported,
        EquatableArray<ParameterSpec> Extra,
        string? OptionsTypeName,
        PricingSpec? Pricing)
    {
        /// <summary>
        /// The provider's field for the card's image count (fal's <c>num_images</c>), or null when a count is emulated
        /// by starting that many jobs (or the card has no count).
        /// </summary>
        public string? ImageCountField => Parameters.FirstOrDefault(m => m.Parameter == ImageCount.ParameterName)?.Field;
    }
}

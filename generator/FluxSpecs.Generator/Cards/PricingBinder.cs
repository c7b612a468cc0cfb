using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Builds a provider's <see cref="PricingSpec"/> and checks that it prices something.</summary>
    internal sealed class PricingBinder
    {
        /// <summary>1 MP = 1024 × 1024 pixels unless the card says otherwise (seed 004's pricing notes).</summary>
        private const long DefaultMegapixel = 1024 * 1024;

        private readonly DiagnosticBag _diagnostics;

        public PricingBinder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

        public PricingSpec? Bind(YamlMap map, string path)
        {
            var source = map.String("source");
            var asOf = map.String("as_of");
            if (!map.Exists || !CardVocabulary.PricingUnits.TryParse(map.String("unit"), out var unit) || source is null || asOf is null)
            {
                return null;
            }

            var perMegapixel = BindMegapixels(new YamlMap(map.Get("per_megapixel")), path + ".per_megapixel");
            var perRequest = map.Number("per_request");
            if (perRequest is null && perMegapixel is null)
            {
                _diagnostics.Add(CardError.MissingKey, map.Node!, path, "per_request or per_megapixel");
            }

            var creditUsd = map.Number("credit_usd");
            if (creditUsd is not null && unit != PricingUnit.Credits)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("credit_usd"), path + ".credit_usd", RuleText.Format(creditUsd.Value), "'credit_usd' applies when the unit is credits");
            }

            NotNegative(map, path, "per_request", perRequest);
            NotNegative(map, path, "credit_usd", creditUsd);
            return new PricingSpec(unit, creditUsd, perRequest, perMegapixel, source, asOf, map.Boolean("verified") ?? true, map.String("note"));
        }

        private MegapixelPricing? BindMegapixels(YamlMap map, string path)
        {
            if (!map.Exists)
            {
                return null;
            }

            var first = map.Number("first");
            var output = map.Number("output");
            if (first is null && output is null)
            {
                _diagnostics.Add(CardError.MissingKey, map.Node!, path, "first or output");
            }
            else if (first is not null && output is not null)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("output"), path + ".output", RuleText.Format(output.Value), "give either 'first' (with 'additional') or a flat 'output' rate, not both");
            }

            foreach (var key in new[] { "first", "additional", "output", "input", "min_input_mp", "max_mp" })
            {
                NotNegative(map, path, key, map.Number(key));
            }

            var megapixel = map.Integer("megapixel") ?? DefaultMegapixel;
            if (megapixel <= 0)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("megapixel"), path + ".megapixel", RuleText.Format(megapixel), "must be at least 1");
            }

            return new MegapixelPricing(
                first,
                map.Number("additional"),
                output,
                map.Number("input"),
                CardVocabulary.MegapixelRoundings.TryParse(map.String("rounding"), out var rounding) ? rounding : MegapixelRounding.Up,
                map.Number("min_input_mp"),
                map.Number("max_mp"),
                megapixel);
        }

        private void NotNegative(YamlMap map, string path, string key, decimal? value)
        {
            if (value < 0)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At(key), path + "." + key, RuleText.Format(value.Value), "a price cannot be negative");
            }
        }
    }
}

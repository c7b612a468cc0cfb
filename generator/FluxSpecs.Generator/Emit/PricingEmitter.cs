using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Emits <c>OutputSize(providerId)</c>, the request's output size by each provider's own size conversion (or the
    /// model's <c>output_size</c> rule), and <c>EstimatePrice(providerId)</c>: that size, the reference images measured,
    /// and the card's pricing section applied, times the card's image count. No price is written in C#: the figures are read from the catalog entry
    /// generated from the same card.
    /// </summary>
    internal static class PricingEmitter
    {
        public static string Emit(EmitSpec spec)
        {
            var references = Template.After(
                spec.Card.Parameters
                    .Where(p => p.Kind == ParameterKind.ImageList)
                    .Select(images => KnownTypes.PricedImages + ".Add(references, " + Literals.String(images.Name) + ", " + images.PropertyName + ");"),
                indent: 3);
            var count = spec.Card.Parameters.FirstOrDefault(p => p.Name == ImageCount.ParameterName) is { } imageCount
                ? ", " + imageCount.PropertyName + " ?? " + CSharpTypes.DefaultConstantName(imageCount) + ", Model.FindProvider(providerId)?.ImageCountField is not null"
                : string.Empty;
            return Template.File($$"""
                {{Template.FileHeader}}

                namespace {{spec.Namespace}}
                {
                    public sealed partial record {{spec.RequestTypeName}}
                    {
                        /// <inheritdoc />
                        public {{KnownTypes.PriceEstimate}} EstimatePrice([{{KnownTypes.ProviderId}}] string providerId)
                        {
                            var pricing = {{KnownTypes.PriceCalculator}}.PricingOf(this, providerId);
                            var references = new {{KnownTypes.List}}<{{KnownTypes.PricedImage}}>();{{references}}
                            return {{KnownTypes.PriceCalculator}}.Estimate(providerId, ModelId, pricing, SizeOn(providerId), references{{count}});
                        }

                        /// <inheritdoc />
                        public {{KnownTypes.ImageSize}}? OutputSize([{{KnownTypes.ProviderId}}] string providerId)
                        {
                            Validate(providerId).ThrowIfInvalid();
                            return SizeOn(providerId);
                        }

                        private {{KnownTypes.ImageSize}}? SizeOn(string providerId)
                        {
                            {{Template.Lines(SizeOn(spec), indent: 3)}}
                        }
                    }
                }
                """);
        }

        /// <summary>The body of <c>SizeOn(providerId)</c>: the size by the provider's first <c>combine</c> entry, else the model's rule.</summary>
        private static IEnumerable<string> SizeOn(EmitSpec spec)
        {
            var card = spec.Card;
            var providerSizes = card.Providers
                .Select(p => (Provider: p, Size: p.Combine.FirstOrDefault()))
                .Where(p => p.Size is not null)
                .ToList();
            var modelSize = card.OutputSize is { } rule ? KnownTypes.OutputSizes + ".Of(" + ConversionArguments.Call(spec, null, rule) + ")" : "null";
            if (providerSizes.Count == 0)
            {
                yield return "return " + modelSize + ";";
                yield break;
            }

            yield return "return providerId switch";
            yield return "{";
            foreach (var (provider, size) in providerSizes)
            {
                yield return "    " + Literals.String(provider.Id) + " => " + ProviderSize(spec, provider, size!) + ",";
            }

            yield return "    _ => null,";
            yield return "} ?? " + modelSize + ";";
        }

        /// <summary>
        /// The size a provider produces. Like the mapper, which sends the conversion only when one of its inputs is set:
        /// when none is, the provider's own default size applies (its width/height defaults in the card, e.g. Magnific's
        /// 1024×768), else the conversion of the defaults.
        /// </summary>
        private static string ProviderSize(EmitSpec spec, ProviderSpec provider, Combination size)
        {
            var measured = KnownTypes.OutputSizes + ".Of(" + ConversionArguments.Call(spec, provider, size) + ")";
            var inputs = ConversionArguments.Parameters(spec, size);
            var defaults = inputs.Skip(inputs.Count - 2)
                .Select(p => provider.Parameters.FirstOrDefault(m => m.Parameter == p.Name)?.Default ?? (p.Kind == ParameterKind.Integer ? null : "x"))
                .ToList();
            var anySet = inputs.Where(p => !p.Required).Select(p => p.PropertyName + " is not null").ToList();
            if (anySet.Count == 0 || defaults.Count != 2 || defaults.Any(d => d is null || !int.TryParse(d, out _)))
            {
                return measured;
            }

            return "(" + string.Join(" || ", anySet) + " ? " + measured + " : new " + KnownTypes.ImageSize + "(" + defaults[0] + ", " + defaults[1] + "))";
        }
    }
}

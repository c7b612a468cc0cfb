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
            var endpointDefaults = EndpointDefaults(spec).ToList();
            var assumed = endpointDefaults.Count == 0 ? string.Empty : ", EndpointDefaults(providerId)";
            var assumedMethod = endpointDefaults.Count == 0
                ? new string[0]
                : new[]
                {
                    string.Empty,
                    "/// <summary>What the estimate assumes when a default depends on the endpoint the request goes to, or null.</summary>",
                    "private string? EndpointDefaults(string providerId) => providerId switch",
                    "{",
                }.Concat(endpointDefaults.Select(arm => "    " + arm)).Concat(new[] { "    _ => null,", "};" });
            // The count overload is used when the card has a count, or when an endpoint default needs the longest one.
            var count = spec.Card.Parameters.FirstOrDefault(p => p.Name == ImageCount.ParameterName) is { } imageCount
                ? ", " + imageCount.PropertyName + " ?? " + CSharpTypes.DefaultConstantName(imageCount) + ", Model.FindProvider(providerId)?.ImageCountField is not null"
                : endpointDefaults.Count == 0 ? string.Empty : ", 1, true";
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
                            return {{KnownTypes.PriceCalculator}}.Estimate(providerId, ModelId, pricing, SizeOn(providerId), references{{count}}{{assumed}});
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
                        }{{Template.After(assumedMethod, indent: 2)}}
                    }
                }
                """);
        }

        /// <summary>
        /// One switch arm per provider parameter whose default depends on the endpoint (<c>edit_default</c>): when the
        /// parameter is unset and the request goes to the edit endpoint, the estimate says which default it assumed.
        /// </summary>
        private static IEnumerable<string> EndpointDefaults(EmitSpec spec)
        {
            foreach (var provider in spec.Card.Providers.Where(p => p.EditModel is not null))
            {
                foreach (var mapping in provider.Parameters.Where(m => m.EditDefault is not null))
                {
                    var parameter = spec.Card.Parameters.First(p => p.Name == mapping.Parameter);
                    var otherwise = mapping.Default ?? parameter.Default;
                    var text = parameter.Name + " is not set and the request has images, so it goes to " + provider.Id + "'s edit endpoint ("
                        + provider.EditModel + "), whose default is " + mapping.EditDefault
                        + (otherwise is null ? "." : " (" + otherwise + " without images).");
                    yield return Literals.String(provider.Id) + " when " + parameter.PropertyName + " is null && " + ConversionArguments.EditRequest(spec) + " => " + Literals.String(text) + ",";
                }
            }
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

            // The model's rule within each provider's own side limits (Replicate's 2048 where the model has none).
            var modelSizeOn = card.OutputSize is { } sizeRule
                ? card.Providers
                    .Select(p => (Provider: p, Size: KnownTypes.OutputSizes + ".Of(" + ConversionArguments.Call(spec, p, sizeRule) + ")"))
                    .Where(p => p.Size != modelSize)
                    .ToList()
                : new List<(ProviderSpec Provider, string Size)>();
            var fallback = modelSizeOn.Count == 0
                ? new[] { modelSize + ";" }
                : new[] { "providerId switch", "{" }
                    .Concat(modelSizeOn.Select(p => "    " + Literals.String(p.Provider.Id) + " => " + p.Size + ","))
                    .Concat(new[] { "    _ => " + modelSize + ",", "};" })
                    .ToArray();
            if (providerSizes.Count == 0)
            {
                yield return "return " + fallback[0];
                foreach (var line in fallback.Skip(1))
                {
                    yield return line;
                }

                yield break;
            }

            yield return "return providerId switch";
            yield return "{";
            foreach (var (provider, size) in providerSizes)
            {
                yield return "    " + Literals.String(provider.Id) + " => " + ProviderSize(spec, provider, size!) + ",";
            }

            yield return "    _ => null,";
            yield return "} ?? " + fallback[0];
            foreach (var line in fallback.Skip(1))
            {
                yield return line;
            }
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

using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Emits <c>OutputSize(providerId)</c>, the request's output size by each provider's own size conversion (or the
    /// model's <c>output_size</c> rule), and <c>EstimatePrice(providerId)</c>: that size, the reference images measured,
    /// and the card's pricing section applied. No price is written in C#: the figures are read from the catalog entry
    /// generated from the same card.
    /// </summary>
    internal static class PricingEmitter
    {

        public static string Emit(EmitSpec spec)
        {
            var card = spec.Card;
            var writer = new SourceWriter().FileHeader().Line().Open("namespace " + spec.Namespace);
            writer.Open("public sealed partial record " + spec.RequestTypeName);
            writer.Line("/// <inheritdoc />");
            writer.Open("public " + KnownTypes.PriceEstimate + " EstimatePrice([" + KnownTypes.ProviderId + "] string providerId)");
            writer.Line("var pricing = " + KnownTypes.PriceCalculator + ".PricingOf(this, providerId);");
            writer.Line("var references = new " + KnownTypes.List + "<" + KnownTypes.PricedImage + ">();");
            foreach (var images in card.Parameters.Where(p => p.Kind == ParameterKind.ImageList))
            {
                writer.Line(KnownTypes.PricedImages + ".Add(references, " + Literals.String(images.Name) + ", " + images.PropertyName + ");");
            }

            writer.Line("return " + KnownTypes.PriceCalculator + ".Estimate(providerId, ModelId, pricing, SizeOn(providerId), references);");
            writer.Close();
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Open("public " + KnownTypes.ImageSize + "? OutputSize([" + KnownTypes.ProviderId + "] string providerId)");
            writer.Line("Validate(providerId).ThrowIfInvalid();");
            writer.Line("return SizeOn(providerId);");
            writer.Close();
            writer.Line();
            WriteSizeOn(writer, spec);
            writer.Close();
            return writer.Close().ToString();
        }

        /// <summary><c>SizeOn(providerId)</c>: the size by the provider's first <c>combine</c> entry, else the model's rule.</summary>
        private static void WriteSizeOn(SourceWriter writer, EmitSpec spec)
        {
            var card = spec.Card;
            var providerSizes = card.Providers
                .Select(p => (Provider: p, Size: p.Combine.FirstOrDefault()))
                .Where(p => p.Size is not null)
                .ToList();
            var modelSize = card.OutputSize is { } rule ? KnownTypes.OutputSizes + ".Of(" + ConversionArguments.Call(spec, null, rule) + ")" : "null";
            writer.Open("private " + KnownTypes.ImageSize + "? SizeOn(string providerId)");
            if (providerSizes.Count == 0)
            {
                writer.Line("return " + modelSize + ";");
            }
            else
            {
                writer.Line("return providerId switch");
                writer.Line("{");
                foreach (var (provider, size) in providerSizes)
                {
                    writer.Line("    " + Literals.String(provider.Id) + " => " + ProviderSize(spec, provider, size!) + ",");
                }

                writer.Line("    _ => null,");
                writer.Line("} ?? " + modelSize + ";");
            }

            writer.Close();
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

using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;
using FluxSpecs.Generator.Cards;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>Emits the catalog entry of a card: <c>Flux2ProModel.Descriptor</c>, the card as runtime data.</summary>
    internal static class DescriptorEmitter
    {
        private const string Catalog = KnownTypes.Catalog;

        public static string Emit(EmitSpec spec)
        {
            var card = spec.Card;
            var writer = new SourceWriter().FileHeader().Line().Open("namespace " + spec.Namespace);
            writer.Doc("summary", Literals.Xml(card.Name) + " (<c>" + card.Id + "</c>) as its card describes it.");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public static class " + spec.ModelTypeName);
            writer.Doc("summary", "The model id, <c>" + card.Id + "</c>.");
            writer.Line("public const string Id = " + Literals.String(card.Id) + ";");
            writer.Line();
            writer.Doc("summary", "The catalog entry: parameters with their rules, providers with their mappings and prices.");
            writer.Line("public static " + Catalog + "ModelDescriptor Descriptor { get; } = new " + Catalog + "ModelDescriptor");
            writer.Line("{");
            writer.Line("    Id = Id,");
            writer.Line("    Name = " + Literals.String(card.Name) + ",");
            writer.Line("    Vendor = " + Literals.String(card.Vendor) + ",");
            writer.Line("    Description = " + Literals.String(card.Description) + ",");
            writer.Line("    RequestType = typeof(" + spec.RequestTypeName + "),");
            var unset = string.Join(", ", card.Parameters.Where(p => p.Required).Select(p => p.PropertyName + " = default!"));
            writer.Line("    RequestFactory = static () => new " + spec.RequestTypeName + " {" + (unset.Length == 0 ? string.Empty : " " + unset + " ") + "},");
            writer.Line("    Parameters =");
            writer.Line("    [");
            foreach (var parameter in card.Parameters)
            {
                WriteParameter(writer, parameter, "        ");
            }

            writer.Line("    ],");
            writer.Line("    Providers =");
            writer.Line("    [");
            foreach (var provider in card.Providers)
            {
                WriteProvider(writer, new ProviderPlan(spec, provider));
            }

            writer.Line("    ],");
            writer.Line("};");
            writer.Close();
            return writer.Close().ToString();
        }

        private static void WriteParameter(SourceWriter writer, ParameterSpec parameter, string indent)
        {
            var lines = new List<string>
            {
                "Name = " + Literals.String(parameter.Name),
                "PropertyName = " + Literals.String(parameter.PropertyName),
                "Type = " + Catalog + "ParameterType." + parameter.Kind,
            };
            Optional(lines, "Field", parameter.Field);
            if (parameter.Required)
            {
                lines.Add("Required = true");
            }

            Optional(lines, "Default", parameter.Default);
            Optional(lines, "Description", parameter.Description);
            if (!parameter.Limits.IsEmpty)
            {
                lines.Add("Limits = " + LimitsExpression(parameter.Limits));
            }

            if (!parameter.Values.IsEmpty)
            {
                lines.Add("Values = [" + string.Join(", ", parameter.Values.Select(v =>
                    "new(" + Literals.String(v.Value) + ", " + Literals.String(v.MemberName) + (v.Description is null ? string.Empty : ", " + Literals.String(v.Description)) + ")")) + "]");
            }

            if (parameter.Applicability is { } condition)
            {
                lines.Add("Applicability = new(" + Literals.String(condition.Parameter) + ", " + StringList(condition.Values) + ", " + Literals.Bool(condition.Negated) + ")");
            }

            if (parameter.Secret)
            {
                lines.Add("Secret = true");
            }

            if (parameter.TopLevel)
            {
                lines.Add("TopLevel = true");
            }

            WriteObject(writer, indent, "new " + Catalog + "ParameterDescriptor", lines);
        }

        private static void WriteProvider(SourceWriter writer, ProviderPlan plan)
        {
            const string indent = "        ";
            var provider = plan.Provider;
            writer.Line(indent + "new " + Catalog + "ProviderDescriptor");
            writer.Line(indent + "{");
            writer.Line(indent + "    Id = " + Literals.String(provider.Id) + ",");
            writer.Line(indent + "    ModelId = " + Literals.String(provider.Model) + ",");
            if (provider.EditModel is not null)
            {
                writer.Line(indent + "    EditModelId = " + Literals.String(provider.EditModel) + ",");
            }

            if (provider.Docs is not null)
            {
                writer.Line(indent + "    Docs = " + Literals.String(provider.Docs) + ",");
            }

            if (!provider.Parameters.IsEmpty)
            {
                writer.Line(indent + "    Parameters =");
                writer.Line(indent + "    [");
                foreach (var mapping in provider.Parameters)
                {
                    WriteMapping(writer, mapping, indent + "        ");
                }

                writer.Line(indent + "    ],");
            }

            if (!provider.Combine.IsEmpty)
            {
                writer.Line(indent + "    Combinations =");
                writer.Line(indent + "    [");
                foreach (var combination in provider.Combine)
                {
                    writer.Line(indent + "        new(" + Word("CombineConversion", combination.Convert) + ", " + StringList(combination.From) + ", " + StringList(combination.Into) + ", " + Literals.Long(combination.MultipleOf) + "),");
                }

                writer.Line(indent + "    ],");
            }

            if (!provider.Unsupported.IsEmpty)
            {
                writer.Line(indent + "    Unsupported = " + StringList(provider.Unsupported) + ",");
            }

            if (provider.DropUnsupported)
            {
                writer.Line(indent + "    DropUnsupported = true,");
            }

            if (!provider.Extra.IsEmpty)
            {
                writer.Line(indent + "    Extra =");
                writer.Line(indent + "    [");
                foreach (var parameter in provider.Extra)
                {
                    WriteParameter(writer, parameter, indent + "        ");
                }

                writer.Line(indent + "    ],");
            }

            WriteBody(writer, plan, indent + "    ");
            if (provider.Pricing is { } pricing)
            {
                WritePricing(writer, pricing, indent + "    ");
            }

            writer.Line(indent + "},");
        }

        /// <summary>
        /// The body plan, from the same <see cref="ProviderPlan"/> the mapper writes: each field in write order (a
        /// combination gives one per <c>into</c> field), then the unsupported parameters.
        /// </summary>
        private static void WriteBody(SourceWriter writer, ProviderPlan plan, string indent)
        {
            writer.Line(indent + "Body =");
            writer.Line(indent + "[");
            foreach (var step in plan.InputSteps)
            {
                WriteBodySteps(writer, step, topLevel: false, unsupported: false, indent + "    ");
            }

            foreach (var step in plan.TopLevelSteps)
            {
                WriteBodySteps(writer, step, topLevel: true, unsupported: false, indent + "    ");
            }

            foreach (var step in plan.UnsupportedSteps)
            {
                WriteBodySteps(writer, step, topLevel: false, unsupported: true, indent + "    ");
            }

            writer.Line(indent + "],");
        }

        private static void WriteBodySteps(SourceWriter writer, ProviderStep step, bool topLevel, bool unsupported, string indent)
        {
            const string creation = "new " + Catalog + "BodyField { ";
            if (step.Combination is { } combination)
            {
                var descriptor = "new " + Catalog + "CombinationDescriptor(" + Word("CombineConversion", combination.Convert) + ", " + StringList(combination.From) + ", " + StringList(combination.Into) + ", " + Literals.Long(combination.MultipleOf) + ")";
                foreach (var into in combination.Into)
                {
                    writer.Line(indent + creation + "Name = " + Literals.String(into) + ", Combination = " + descriptor + (topLevel ? ", TopLevel = true" : string.Empty) + " },");
                }

                return;
            }

            var parameter = step.Parameter!;
            var lines = new List<string>
            {
                "Name = " + Literals.String(step.Field),
                "Parameter = " + Literals.String(parameter.Name),
                "Type = " + Catalog + "ParameterType." + parameter.Kind,
            };
            if (step.IsExtra)
            {
                lines.Add("Extra = true");
            }

            if (topLevel)
            {
                lines.Add("TopLevel = true");
            }

            if (unsupported)
            {
                lines.Add("Unsupported = true");
            }

            if (step.Mapping?.Convert is { } convert)
            {
                lines.Add("Convert = " + Word("ValueConversion", convert));
            }

            if (parameter.Kind == ParameterKind.ImageList)
            {
                var images = step.Mapping?.Images ?? ImageBinding.Default;
                lines.Add("ImageShape = " + Word("ImageShape", images.Shape));
                lines.Add("ImageEncoding = " + Word("ImageEncodingKind", images.Encoding));
            }

            writer.Line(indent + creation + string.Join(", ", lines) + " },");
        }

        private static void WriteMapping(SourceWriter writer, ParameterMapping mapping, string indent)
        {
            var lines = new List<string> { "Parameter = " + Literals.String(mapping.Parameter) };
            Optional(lines, "Field", mapping.Field);
            if (!mapping.Limits.IsEmpty)
            {
                lines.Add("Limits = " + LimitsExpression(mapping.Limits));
            }

            if (!mapping.Values.IsEmpty)
            {
                lines.Add("Values = new " + KnownTypes.Dictionary + "<string, string?> { " +
                    string.Join(", ", mapping.Values.Select(v => "[" + Literals.String(v.ModelValue) + "] = " + Literals.String(v.WireValue))) + " }");
            }

            Optional(lines, "Default", mapping.Default);
            if (mapping.Convert is { } convert)
            {
                lines.Add("Convert = " + Word("ValueConversion", convert));
            }

            if (mapping.Images is { } images)
            {
                lines.Add("ImageShape = " + Word("ImageShape", images.Shape));
                lines.Add("ImageEncoding = " + Word("ImageEncodingKind", images.Encoding));
            }

            WriteObject(writer, indent, "new " + Catalog + "ProviderParameterDescriptor", lines);
        }

        private static void WritePricing(SourceWriter writer, PricingSpec pricing, string indent)
        {
            var lines = new List<string>
            {
                "Unit = " + Word("PricingUnit", pricing.Unit),
            };
            if (pricing.CreditUsd is not null)
            {
                lines.Add("CreditUsd = " + Literals.Decimal(pricing.CreditUsd));
            }

            if (pricing.PerRequest is not null)
            {
                lines.Add("PerRequest = " + Literals.Decimal(pricing.PerRequest));
            }

            if (pricing.PerMegapixel is { } rates)
            {
                var rateLines = new List<string>();
                AddDecimal(rateLines, "First", rates.First);
                AddDecimal(rateLines, "Additional", rates.Additional);
                AddDecimal(rateLines, "Output", rates.Output);
                AddDecimal(rateLines, "Input", rates.Input);
                rateLines.Add("Rounding = " + Word("MegapixelRounding", rates.Rounding));
                AddDecimal(rateLines, "MinInputMegapixels", rates.MinInputMegapixels);
                AddDecimal(rateLines, "MaxMegapixels", rates.MaxMegapixels);
                rateLines.Add("PixelsPerMegapixel = " + Literals.Long(rates.PixelsPerMegapixel));
                lines.Add("PerMegapixel = new " + Catalog + "MegapixelRates { " + string.Join(", ", rateLines) + " }");
            }

            lines.Add("Source = " + Literals.String(pricing.Source));
            lines.Add("AsOf = " + KnownTypes.DateOnly + ".ParseExact(" + Literals.String(pricing.AsOf) + ", \"yyyy-MM-dd\", " + KnownTypes.InvariantCulture + ")");
            if (!pricing.Verified)
            {
                lines.Add("Verified = false");
            }

            Optional(lines, "Note", pricing.Note);
            writer.Line(indent + "Pricing = new " + Catalog + "PricingDescriptor");
            writer.Line(indent + "{");
            foreach (var line in lines)
            {
                writer.Line(indent + "    " + line + ",");
            }

            writer.Line(indent + "},");
        }

        private static string LimitsExpression(Limits limits)
        {
            var parts = new List<string>();
            AddDecimal(parts, "Minimum", limits.Min);
            AddDecimal(parts, "Maximum", limits.Max);
            if (limits.MultipleOf is not null)
            {
                parts.Add("MultipleOf = " + Literals.Long(limits.MultipleOf));
            }

            if (limits.Rounding is not null)
            {
                parts.Add("Rounding = " + CSharpTypes.Rounding(limits.Rounding));
            }

            AddInt(parts, "MinLength", limits.MinLength);
            AddInt(parts, "MaxLength", limits.MaxLength);
            AddInt(parts, "MaxItems", limits.MaxItems);
            if (!limits.Formats.IsEmpty)
            {
                parts.Add("Formats = " + StringList(limits.Formats));
            }

            return "new " + Catalog + "ParameterLimits { " + string.Join(", ", parts) + " }";
        }

        private static void WriteObject(SourceWriter writer, string indent, string creation, IEnumerable<string> lines)
        {
            writer.Line(indent + creation);
            writer.Line(indent + "{");
            foreach (var line in lines)
            {
                writer.Line(indent + "    " + line + ",");
            }

            writer.Line(indent + "},");
        }

        /// <summary>The runtime catalog's member for a vocabulary value; the generator's enums have the same members.</summary>
        private static string Word<T>(string enumType, T value)
            where T : struct, System.Enum =>
            Catalog + enumType + "." + value;

        private static void Optional(List<string> lines, string name, string? value)
        {
            if (value is not null)
            {
                lines.Add(name + " = " + Literals.String(value));
            }
        }

        private static void AddDecimal(List<string> lines, string name, decimal? value)
        {
            if (value is not null)
            {
                lines.Add(name + " = " + Literals.Decimal(value));
            }
        }

        private static void AddInt(List<string> lines, string name, int? value)
        {
            if (value is not null)
            {
                lines.Add(name + " = " + Literals.Int(value));
            }
        }

        private static string StringList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literals.String)) + "]";
    }
}

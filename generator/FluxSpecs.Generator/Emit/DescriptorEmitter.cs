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
            var unset = string.Join(", ", card.Parameters.Where(p => p.Required).Select(p => p.PropertyName + " = default!"));
            var initializer = unset.Length == 0 ? "{}" : "{ " + unset + " }";
            var parameters = card.Parameters.SelectMany(Parameter);
            var providers = card.Providers.SelectMany(provider => Provider(new ProviderPlan(spec, provider)));
            return Template.File($$"""
                {{Template.FileHeader}}

                namespace {{spec.Namespace}}
                {
                    {{Template.Doc("summary", Literals.Xml(card.Name) + " (<c>" + card.Id + "</c>) as its card describes it.", indent: 1)}}
                    {{Literals.GeneratedCode}}
                    public static class {{spec.ModelTypeName}}
                    {
                        {{Template.Doc("summary", "The model id, <c>" + card.Id + "</c>.", indent: 2)}}
                        public const string Id = {{Literals.String(card.Id)}};

                        /// <summary>The catalog entry: parameters with their rules, providers with their mappings and prices.</summary>
                        public static {{KnownTypes.ModelDescriptor}} Descriptor { get; } = new {{KnownTypes.ModelDescriptor}}
                        {
                            Id = Id,
                            Name = {{Literals.String(card.Name)}},
                            Vendor = {{Literals.String(card.Vendor)}},
                            Description = {{Literals.String(card.Description)}},
                            RequestType = typeof({{spec.RequestTypeName}}),
                            RequestFactory = static () => new {{spec.RequestTypeName}} {{initializer}},
                            {{Template.Lines(List("Parameters", parameters), indent: 3)}}
                            {{Template.Lines(List("Providers", providers), indent: 3)}}
                        };
                    }
                }
                """);
        }

        private static string[] Parameter(ParameterSpec parameter)
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
                    "new(" + Literals.String(v.Value) + ", " + Literals.String(v.MemberName) + (v.Description is null ? string.Empty : ", " + Literals.String(v.Description)) + ")"
                    + (v.Aliases.IsEmpty ? string.Empty : " { Aliases = " + StringList(v.Aliases) + " }"))) + "]");
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

            return Object("new " + Catalog + "ParameterDescriptor", lines);
        }

        private static string[] Provider(ProviderPlan plan)
        {
            var provider = plan.Provider;
            var pricing = provider.Pricing is { } rates ? Pricing(rates) : new string[0];
            return Template.LinesOf($$"""
                new {{Catalog}}ProviderDescriptor
                {
                    Id = {{Literals.String(provider.Id)}},
                    ModelId = {{Literals.String(provider.Model)}},{{Template.After(ProviderOptions(provider), indent: 1)}}
                    {{Template.Lines(List("Body", Body(plan)), indent: 1)}}{{Template.After(pricing, indent: 1)}}
                },
                """);
        }

        /// <summary>What a provider's card section sets beyond its id and model: each member only when the card has it.</summary>
        private static IEnumerable<string> ProviderOptions(ProviderSpec provider)
        {
            if (provider.EditModel is not null)
            {
                yield return "EditModelId = " + Literals.String(provider.EditModel) + ",";
            }

            if (provider.Docs is not null)
            {
                yield return "Docs = " + Literals.String(provider.Docs) + ",";
            }

            if (!provider.Parameters.IsEmpty)
            {
                foreach (var line in List("Parameters", provider.Parameters.SelectMany(Mapping)))
                {
                    yield return line;
                }
            }

            if (!provider.Combine.IsEmpty)
            {
                foreach (var line in List("Combinations", provider.Combine.Select(combination => "new(" + CombinationArguments(combination) + "),")))
                {
                    yield return line;
                }
            }

            if (!provider.Unsupported.IsEmpty)
            {
                yield return "Unsupported = " + StringList(provider.Unsupported) + ",";
            }

            if (provider.DropUnsupported)
            {
                yield return "DropUnsupported = true,";
            }

            if (!provider.Extra.IsEmpty)
            {
                foreach (var line in List("Extra", provider.Extra.SelectMany(Parameter)))
                {
                    yield return line;
                }
            }
        }

        /// <summary>
        /// The body plan, from the same <see cref="ProviderPlan"/> the mapper writes: each field in write order (a
        /// combination gives one per <c>into</c> field), then the unsupported parameters.
        /// </summary>
        private static IEnumerable<string> Body(ProviderPlan plan) =>
            plan.InputSteps.SelectMany(step => BodyFields(step, topLevel: false, unsupported: false))
                .Concat(plan.TopLevelSteps.SelectMany(step => BodyFields(step, topLevel: true, unsupported: false)))
                .Concat(plan.UnsupportedSteps.SelectMany(step => BodyFields(step, topLevel: false, unsupported: true)));

        private static IEnumerable<string> BodyFields(ProviderStep step, bool topLevel, bool unsupported)
        {
            if (step.Combination is { } combination)
            {
                var descriptor = "new " + Catalog + "CombinationDescriptor(" + CombinationArguments(combination) + ")";
                return combination.Into.Select(into => BodyField("Name = " + Literals.String(into), "Combination = " + descriptor + (topLevel ? ", TopLevel = true" : string.Empty)));
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

            return new[] { BodyField(lines.ToArray()) };
        }

        private static string BodyField(params string[] members) => "new " + Catalog + "BodyField { " + string.Join(", ", members) + " },";

        private static string CombinationArguments(Combination combination) =>
            Word("CombineConversion", combination.Convert) + ", " + StringList(combination.From) + ", " + StringList(combination.Into) + ", " + Literals.Long(combination.MultipleOf);

        private static string[] Mapping(ParameterMapping mapping)
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

            return Object("new " + Catalog + "ProviderParameterDescriptor", lines);
        }

        private static string[] Pricing(PricingSpec pricing)
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
            return Object("Pricing = new " + Catalog + "PricingDescriptor", lines);
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

        /// <summary>An object initializer, one member a line, as an element of a collection expression.</summary>
        private static string[] Object(string creation, IEnumerable<string> members) => Template.LinesOf($$"""
            {{creation}}
            {
                {{Template.Lines(members.Select(member => member + ","), indent: 1)}}
            },
            """);

        /// <summary>A collection-valued member: <paramref name="elements"/>, each line of them already ending in its comma.</summary>
        private static string[] List(string member, IEnumerable<string> elements) => Template.LinesOf($$"""
            {{member}} =
            [{{Template.After(elements, indent: 1)}}
            ],
            """);

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

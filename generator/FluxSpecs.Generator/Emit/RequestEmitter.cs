using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Emits the types a user writes: the request record, its enums with their wire strings, and one options record per
    /// provider that has provider-only parameters.
    /// </summary>
    internal static class RequestEmitter
    {
        private const string ParameterValues = KnownTypes.ParameterValues;

        public static string Emit(EmitSpec spec)
        {
            var enums = EnumParameters(spec.Card).ToList();
            var types = enums.Select(Enum)
                .Concat(enums.Count > 0 ? new[] { WireValues(spec, enums) } : new string[0][])
                .Concat(new[] { Request(spec) })
                .Concat(OptionsProviders(spec.Card).Select(provider => Options(spec.Card, provider)));
            return Template.File($$"""
                {{Template.FileHeader}}

                namespace {{spec.Namespace}}
                {
                    {{Template.Lines(Separated(types), indent: 1)}}
                }
                """);
        }

        /// <summary>Every enum or enum_list parameter: the model's, then each provider's own.</summary>
        public static IEnumerable<ParameterSpec> EnumParameters(ModelCard card) =>
            card.Parameters.Concat(card.Providers.SelectMany(p => p.Extra))
                .Where(p => p.Kind is ParameterKind.Enum or ParameterKind.EnumList);

        private static IEnumerable<ProviderSpec> OptionsProviders(ModelCard card) => card.Providers.Where(p => p.OptionsTypeName is not null);

        private static string[] Enum(ParameterSpec parameter)
        {
            var members = parameter.Values.SelectMany(value => Template.LinesOf($$"""
                {{Template.Doc("summary", "<c>" + Literals.Xml(value.Value) + "</c>" + (value.Description is null ? "." : ": " + Literals.Xml(value.Description)), indent: 0)}}
                {{RuleAttributes.WireValue(value)}}
                {{value.MemberName}},
                """));
            return Template.LinesOf($$"""
                {{Template.Doc("summary", "Values of <c>" + Literals.Xml(parameter.Name) + "</c>." + (parameter.Description is null ? string.Empty : " " + Literals.Xml(parameter.Description)), indent: 0)}}
                {{Literals.GeneratedCode}}
                public enum {{parameter.EnumTypeName}}
                {
                    {{Template.Lines(members, indent: 1)}}
                }
                """);
        }

        private static string[] WireValues(EmitSpec spec, IReadOnlyList<ParameterSpec> enums) => Template.LinesOf($$"""
            {{Template.Doc("summary", "The wire strings of the " + Literals.Xml(spec.Card.Name) + " enums, as the card names them.", indent: 0)}}
            {{Literals.GeneratedCode}}
            public static class {{spec.WireValuesTypeName}}
            {
                {{Template.Lines(Separated(enums.Select(WireValueMethods)), indent: 1)}}
            }
            """);

        /// <summary><c>ToWireValue</c> and <c>TryParse</c> of one enum: a switch arm and a case per member.</summary>
        private static string[] WireValueMethods(ParameterSpec parameter)
        {
            var type = parameter.EnumTypeName!;
            var arms = parameter.Values.Select(value => type + "." + value.MemberName + " => " + Literals.String(value.Value) + ",");
            var cases = parameter.Values.SelectMany(value => Template.LinesOf($$"""
                {{Template.Lines(new[] { value.Value }.Concat(value.Aliases).Select(spelling => "case " + Literals.String(spelling) + ":"), indent: 0)}}
                    value = {{type}}.{{value.MemberName}};
                    return true;
                """));
            return Template.LinesOf($$"""
                {{Template.Doc("summary", "The card's wire string for a <see cref=\"" + type + "\"/>.", indent: 0)}}
                public static string ToWireValue(this {{type}} value) => value switch
                {
                    {{Template.Lines(arms, indent: 1)}}
                    _ => throw new {{KnownTypes.ArgumentOutOfRangeException}}(nameof(value), value, {{Literals.String("Not a value of " + parameter.Name + ".")}}),
                };

                {{Template.Doc("summary", "Reads a wire string of <c>" + Literals.Xml(parameter.Name) + "</c>" + (parameter.Values.Any(v => !v.Aliases.IsEmpty) ? ", or a provider's own spelling of one" : string.Empty) + "; false when it is not one.", indent: 0)}}
                public static bool TryParse(string? wireValue, out {{type}} value)
                {
                    switch (wireValue)
                    {
                        {{Template.Lines(cases, indent: 2)}}
                        default:
                            value = default;
                            return false;
                    }
                }
                """);
        }

        private static string[] Request(EmitSpec spec)
        {
            var card = spec.Card;
            var defaults = card.Parameters.Where(p => p.Default is not null).SelectMany(parameter => Template.LinesOf($$"""

                {{Template.Doc("summary", "The value the provider uses for <see cref=\"" + parameter.PropertyName + "\"/> when it is not set: <c>" + Literals.Xml(parameter.Default) + "</c>.", indent: 0)}}
                public const {{CSharpTypes.ValueType(parameter)}} {{CSharpTypes.DefaultConstantName(parameter)}} = {{CSharpTypes.DefaultLiteral(parameter, spec)}};
                """));
            var properties = card.Parameters.SelectMany(parameter =>
                new[] { string.Empty }.Concat(Property(parameter, Literals.Xml(RuleDescriptions.Remarks(parameter, card)), card.Providers)));
            var options = OptionsProviders(card).SelectMany(provider => Template.LinesOf($$"""

                {{Template.Doc("summary", "Parameters only " + provider.Id + " has; used when the request is sent to " + provider.Id + " and ignored (with a warning) elsewhere.", indent: 0)}}
                public {{provider.OptionsTypeName}}? {{provider.PropertyName}} { get; set; }
                """));
            return Template.LinesOf($$"""
                {{Template.Doc("summary", "A request for " + Literals.Xml(card.Name) + " (<c>" + card.Id + "</c>)." + (card.Description is null ? string.Empty : " " + Literals.Xml(card.Description)), indent: 0)}}
                {{Template.Doc("remarks", "Generated from the model card " + card.Id + ". Optional parameters left null are not sent, and the provider uses its default.", indent: 0)}}
                {{Literals.GeneratedCode}}
                {{RuleAttributes.ModelRequest(card)}}
                public sealed partial record {{spec.RequestTypeName}} : {{KnownTypes.IModelRequest}}
                {
                    {{Template.Doc("summary", "The model id, <c>" + card.Id + "</c>.", indent: 1)}}
                    public const string ModelId = {{Literals.String(card.Id)}};{{Template.After(defaults.Concat(properties).Concat(options), indent: 1)}}

                    /// <inheritdoc />
                    public {{KnownTypes.ModelDescriptor}} Model => {{spec.ModelTypeName}}.Descriptor;

                    {{Template.Lines(WithImages(card), indent: 1)}}

                    {{Template.Lines(ParameterAccess(spec), indent: 1)}}

                    {{Template.Lines(PrintMembers(card.Parameters, OptionsProviders(card).Select(p => p.PropertyName)), indent: 1)}}
                }
                """);
        }

        /// <summary>
        /// <c>WithImagesAsync</c>: a copy with each image-list parameter's images replaced, one line per parameter, so the
        /// client can swap URL images for their bytes without knowing the request type.
        /// </summary>
        private static string[] WithImages(ModelCard card)
        {
            const string Signature = "WithImagesAsync(" + KnownTypes.ImageReplacer + " replace, " + KnownTypes.CancellationToken + " cancellationToken = default)";
            const string Result = KnownTypes.ValueTask + "<" + KnownTypes.IModelRequest + ">";
            var images = card.Parameters.Where(p => p.Kind == ParameterKind.ImageList).ToList();
            if (images.Count == 0)
            {
                return Template.LinesOf($$"""
                    /// <inheritdoc />
                    public {{Result}} {{Signature}} => new(this with { });
                    """);
            }

            var replacements = images.Select(parameter =>
                parameter.PropertyName + " = await " + KnownTypes.ImageReplacement + ".ReplaceAsync(" + parameter.PropertyName + ", " + Literals.String(parameter.Name) + ", replace, cancellationToken).ConfigureAwait(false),");
            return Template.LinesOf($$"""
                /// <inheritdoc />
                public async {{Result}} {{Signature}} =>
                    this with
                    {
                        {{Template.Lines(replacements, indent: 2)}}
                    };
                """);
        }

        /// <summary>
        /// <c>SetParameter</c> and <c>GetParameter</c>: one case per card parameter and provider-only parameter, so tools
        /// fill a request by name without reflection. Conversions and their errors are the runtime's <c>ParameterValues</c>.
        /// </summary>
        private static string[] ParameterAccess(EmitSpec spec)
        {
            var card = spec.Card;
            var members = card.Parameters.Select(p => (Name: p.Name, Target: p.PropertyName, Owner: (string?)null, Parameter: p))
                .Concat(OptionsProviders(card).SelectMany(provider =>
                    provider.Extra.Select(p => (Name: provider.Id + "." + p.Name, Target: provider.PropertyName + "." + p.PropertyName, Owner: (string?)provider.PropertyName, Parameter: p))))
                .ToList();

            // A provider-only parameter replaces the options record, so a value that fails to convert changes nothing.
            var cases = members.SelectMany(member =>
            {
                var required = member.Parameter.Required ? " ?? throw " + ParameterValues + ".Required(name)" : string.Empty;
                var value = Conversion(spec, member.Parameter) + required;
                var assignment = member.Owner is null
                    ? member.Target + " = " + value + ";"
                    : member.Owner + " = (" + member.Owner + " ?? new()) with { " + member.Parameter.PropertyName + " = " + value + " };";
                return Template.LinesOf($$"""
                    case {{Literals.String(member.Name)}}:
                        {{assignment}}
                        break;
                    """);
            });
            var arms = members.Select(member =>
                Literals.String(member.Name) + " => " + (member.Owner is null ? member.Target : member.Owner + "?" + member.Target.Substring(member.Owner.Length)) + ",");
            return Template.LinesOf($$"""
                /// <inheritdoc />
                public void SetParameter(string name, object? value)
                {
                    {{KnownTypes.ArgumentNullException}}.ThrowIfNull(name);
                    switch (name)
                    {{{Template.After(cases, indent: 2)}}
                        default:
                            throw {{ParameterValues}}.Unknown(name, ModelId);
                    }
                }

                /// <inheritdoc />
                public object? GetParameter(string name) => name switch
                {{{Template.After(arms, indent: 1)}}
                    _ => throw {{ParameterValues}}.Unknown(name, ModelId),
                };
                """);
        }

        private static string Conversion(EmitSpec spec, ParameterSpec parameter) => parameter.Kind switch
        {
            ParameterKind.String => ParameterValues + ".String(name, value)",
            ParameterKind.Integer => ParameterValues + (parameter.UsesLong ? ".Int64" : ".Int32") + "(name, value)",
            ParameterKind.Number => ParameterValues + ".Number(name, value)",
            ParameterKind.Boolean => ParameterValues + ".Boolean(name, value)",
            ParameterKind.Enum => ParameterValues + ".EnumValue<" + parameter.EnumTypeName + ">(name, value, " + spec.WireValuesTypeName + ".TryParse)",
            ParameterKind.EnumList => ParameterValues + ".EnumList<" + parameter.EnumTypeName + ">(name, value, " + spec.WireValuesTypeName + ".TryParse)",
            _ => ParameterValues + ".Images(name, value)",
        };

        private static string[] Options(ModelCard card, ProviderSpec provider)
        {
            var properties = provider.Extra.Select(parameter => Property(parameter, Literals.Xml(OptionRemarks(provider, parameter)), Enumerable.Empty<ProviderSpec>()));
            return Template.LinesOf($$"""
                {{Template.Doc("summary", "Parameters of " + Literals.Xml(card.Name) + " that only " + provider.Id + " has.", indent: 0)}}
                {{Literals.GeneratedCode}}
                public sealed partial record {{provider.OptionsTypeName}}
                {
                    {{Template.Lines(Separated(properties.Concat(new[] { PrintMembers(provider.Extra, Enumerable.Empty<string>()) })), indent: 1)}}
                }
                """);
        }

        /// <summary>A provider-only parameter's remarks: its limits, the provider's default, and whether it is a secret.</summary>
        private static string OptionRemarks(ProviderSpec provider, ParameterSpec parameter)
        {
            var remarks = RuleDescriptions.Describe(parameter.Limits);
            var sentences = new List<string>();
            if (remarks.Length > 0)
            {
                sentences.Add(char.ToUpperInvariant(remarks[0]) + remarks.Substring(1) + ".");
            }

            if (parameter.Default is not null)
            {
                sentences.Add(provider.Id + " uses " + parameter.Default + " when it is not set.");
            }

            if (parameter.Secret)
            {
                sentences.Add("A secret: never printed.");
            }

            return string.Join(" ", sentences);
        }

        /// <summary>A parameter's property, with its rules as attributes (a provider-only parameter's providers are none).</summary>
        /// <remarks>The summary is card text alone: a blank description writes none.</remarks>
        private static string[] Property(ParameterSpec parameter, string remarks, IEnumerable<ProviderSpec> providers) =>
            Doc("summary", parameter.Description is null ? "The <c>" + parameter.Name + "</c> parameter." : Literals.Xml(parameter.Description))
                .Concat(Template.LinesOf($$"""
                    {{Template.Doc("remarks", "Card name <c>" + parameter.Name + "</c>. " + remarks, indent: 0)}}{{Template.After(RuleAttributes.Of(parameter, providers), indent: 0)}}
                    public {{(parameter.Required ? "required " : string.Empty)}}{{CSharpTypes.PropertyType(parameter)}} {{parameter.PropertyName}} { get; set; }
                    """))
                .ToArray();

        /// <summary>
        /// Records print every property; this prints only what is set, summarizes image lists and never prints a secret,
        /// because requests end up in logs.
        /// </summary>
        private static string[] PrintMembers(IEnumerable<ParameterSpec> parameters, IEnumerable<string> optionProperties)
        {
            var printed = parameters
                .Select(parameter => (IsSet: parameter.Required && !CSharpTypes.IsReferenceType(parameter) ? "true" : parameter.PropertyName + " is not null", parameter.PropertyName, Value: Printed(parameter)))
                .Concat(optionProperties.Select(property => (IsSet: property + " is not null", PropertyName: property, Value: property)))
                .SelectMany(member => Template.LinesOf($$"""
                    if ({{member.IsSet}})
                    {
                        builder.Append(separator).Append("{{member.PropertyName}} = ").Append({{member.Value}});
                        separator = ", ";
                    }
                    """));
            return Template.LinesOf($$"""
                private bool PrintMembers({{KnownTypes.StringBuilder}} builder)
                {
                    var separator = "";{{Template.After(printed, indent: 1)}}
                    return separator.Length > 0;
                }
                """);
        }

        /// <summary>How <c>PrintMembers</c> prints a set parameter.</summary>
        private static string Printed(ParameterSpec parameter)
        {
            var name = parameter.PropertyName;
            if (parameter.Secret)
            {
                return "\"***\"";
            }

            return parameter.Kind switch
            {
                ParameterKind.ImageList => "\"[\" + " + name + ".Count.ToString(" + KnownTypes.InvariantCulture + ") + \" images]\"",
                ParameterKind.EnumList => "\"[\" + string.Join(\", \", " + name + ") + \"]\"",
                ParameterKind.String => name,
                _ => KnownTypes.FormattableString + ".Invariant($\"{" + name + "}\")",
            };
        }

        /// <summary>Blocks of lines with an empty line between each two.</summary>
        private static IEnumerable<string> Separated(IEnumerable<string[]> blocks) =>
            blocks.SelectMany((block, i) => i == 0 ? block : new[] { string.Empty }.Concat(block));

        /// <summary>An XML doc comment's lines; none for blank <paramref name="xml"/>, where <see cref="Template.Doc"/> would leave an empty line.</summary>
        private static string[] Doc(string element, string? xml)
        {
            var text = new SourceWriter().Doc(element, xml).ToString();
            return text.Length == 0 ? new string[0] : text.TrimEnd('\n').Split('\n');
        }
    }
}

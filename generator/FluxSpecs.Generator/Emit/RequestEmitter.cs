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
        public static string Emit(EmitSpec spec)
        {
            var card = spec.Card;
            var writer = new SourceWriter().FileHeader().Line().Open("namespace " + spec.Namespace);

            var enums = EnumParameters(card).ToList();
            foreach (var parameter in enums)
            {
                WriteEnum(writer, parameter);
                writer.Line();
            }

            if (enums.Count > 0)
            {
                WriteWireValues(writer, spec, enums);
                writer.Line();
            }

            WriteRequest(writer, spec);
            foreach (var provider in card.Providers.Where(p => p.OptionsTypeName is not null))
            {
                writer.Line();
                WriteOptions(writer, card, provider);
            }

            return writer.Close().ToString();
        }

        /// <summary>Every enum or enum_list parameter: the model's, then each provider's own.</summary>
        public static IEnumerable<ParameterSpec> EnumParameters(ModelCard card) =>
            card.Parameters.Concat(card.Providers.SelectMany(p => p.Extra))
                .Where(p => p.Kind is ParameterKind.Enum or ParameterKind.EnumList);

        private static void WriteEnum(SourceWriter writer, ParameterSpec parameter)
        {
            writer.Doc("summary", "Values of <c>" + Literals.Xml(parameter.Name) + "</c>." + (parameter.Description is null ? string.Empty : " " + Literals.Xml(parameter.Description)));
            writer.Line(Literals.GeneratedCode);
            writer.Open("public enum " + parameter.EnumTypeName);
            foreach (var value in parameter.Values)
            {
                writer.Doc("summary", "<c>" + Literals.Xml(value.Value) + "</c>" + (value.Description is null ? "." : ": " + Literals.Xml(value.Description)));
                writer.Line(RuleAttributes.WireValue(value));
                writer.Line(value.MemberName + ",");
            }

            writer.Close();
        }

        private static void WriteWireValues(SourceWriter writer, EmitSpec spec, IReadOnlyList<ParameterSpec> enums)
        {
            writer.Doc("summary", "The wire strings of the " + Literals.Xml(spec.Card.Name) + " enums, as the card names them.");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public static class " + spec.WireValuesTypeName);
            var first = true;
            foreach (var parameter in enums)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                var type = parameter.EnumTypeName!;
                writer.Doc("summary", "The card's wire string for a <see cref=\"" + type + "\"/>.");
                writer.Line("public static string ToWireValue(this " + type + " value) => value switch");
                writer.Line("{");
                foreach (var value in parameter.Values)
                {
                    writer.Line("    " + type + "." + value.MemberName + " => " + Literals.String(value.Value) + ",");
                }

                writer.Line("    _ => throw new " + KnownTypes.ArgumentOutOfRangeException + "(nameof(value), value, " + Literals.String("Not a value of " + parameter.Name + ".") + "),");
                writer.Line("};");
                writer.Line();
                writer.Doc("summary", "Reads a wire string of <c>" + Literals.Xml(parameter.Name) + "</c>; false when it is not one.");
                writer.Open("public static bool TryParse(string? wireValue, out " + type + " value)");
                writer.Open("switch (wireValue)");
                foreach (var value in parameter.Values)
                {
                    writer.Line("case " + Literals.String(value.Value) + ":");
                    writer.Line("    value = " + type + "." + value.MemberName + ";");
                    writer.Line("    return true;");
                }

                writer.Line("default:");
                writer.Line("    value = default;");
                writer.Line("    return false;");
                writer.Close();
                writer.Close();
            }

            writer.Close();
        }

        private static void WriteRequest(SourceWriter writer, EmitSpec spec)
        {
            var card = spec.Card;
            writer.Doc("summary", "A request for " + Literals.Xml(card.Name) + " (<c>" + card.Id + "</c>)." + (card.Description is null ? string.Empty : " " + Literals.Xml(card.Description)));
            writer.Doc("remarks", "Generated from the model card " + card.Id + ". Optional parameters left null are not sent, and the provider uses its default.");
            writer.Line(Literals.GeneratedCode);
            writer.Line(RuleAttributes.ModelRequest(card));
            writer.Open("public sealed partial record " + spec.RequestTypeName + " : " + KnownTypes.IModelRequest);
            writer.Doc("summary", "The model id, <c>" + card.Id + "</c>.");
            writer.Line("public const string ModelId = " + Literals.String(card.Id) + ";");

            foreach (var parameter in card.Parameters.Where(p => p.Default is not null))
            {
                writer.Line();
                writer.Doc("summary", "The value the provider uses for <see cref=\"" + parameter.PropertyName + "\"/> when it is not set: <c>" + Literals.Xml(parameter.Default) + "</c>.");
                writer.Line("public const " + CSharpTypes.ValueType(parameter) + " " + CSharpTypes.DefaultConstantName(parameter) + " = " + CSharpTypes.DefaultLiteral(parameter, spec) + ";");
            }

            foreach (var parameter in card.Parameters)
            {
                writer.Line();
                WriteProperty(writer, parameter, Literals.Xml(RuleDescriptions.Remarks(parameter, card)), card.Providers);
            }

            foreach (var provider in card.Providers.Where(p => p.OptionsTypeName is not null))
            {
                writer.Line();
                writer.Doc("summary", "Parameters only " + provider.Id + " has; used when the request is sent to " + provider.Id + " and ignored (with a warning) elsewhere.");
                writer.Line("public " + provider.OptionsTypeName + "? " + provider.PropertyName + " { get; set; }");
            }

            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public " + KnownTypes.ModelDescriptor + " Model => " + spec.ModelTypeName + ".Descriptor;");
            writer.Line();
            WriteWithImages(writer, card);
            writer.Line();
            WriteParameterAccess(writer, spec);
            writer.Line();
            WritePrintMembers(writer, card.Parameters, card.Providers.Where(p => p.OptionsTypeName is not null).Select(p => p.PropertyName));
            writer.Close();
        }

        /// <summary>
        /// <c>WithImagesAsync</c>: a copy with each image-list parameter's images replaced, one line per parameter, so the
        /// client can swap URL images for their bytes without knowing the request type.
        /// </summary>
        private static void WriteWithImages(SourceWriter writer, ModelCard card)
        {
            const string Signature = "WithImagesAsync(" + KnownTypes.ImageReplacer + " replace, " + KnownTypes.CancellationToken + " cancellationToken = default)";
            const string Result = KnownTypes.ValueTask + "<" + KnownTypes.IModelRequest + ">";
            var images = card.Parameters.Where(p => p.Kind == ParameterKind.ImageList).ToList();
            writer.Line("/// <inheritdoc />");
            if (images.Count == 0)
            {
                writer.Line("public " + Result + " " + Signature + " => new(this with { });");
                return;
            }

            writer.Line("public async " + Result + " " + Signature + " =>");
            writer.Line("    this with");
            writer.Line("    {");
            foreach (var parameter in images)
            {
                writer.Line("        " + parameter.PropertyName + " = await " + KnownTypes.ImageReplacement + ".ReplaceAsync(" + parameter.PropertyName + ", " + Literals.String(parameter.Name) + ", replace, cancellationToken).ConfigureAwait(false),");
            }

            writer.Line("    };");
        }

        /// <summary>
        /// <c>SetParameter</c> and <c>GetParameter</c>: one case per card parameter and provider-only parameter, so tools
        /// fill a request by name without reflection. Conversions and their errors are the runtime's <c>ParameterValues</c>.
        /// </summary>
        private static void WriteParameterAccess(SourceWriter writer, EmitSpec spec)
        {
            var card = spec.Card;
            var members = card.Parameters.Select(p => (Name: p.Name, Target: p.PropertyName, Owner: (string?)null, Parameter: p))
                .Concat(card.Providers.Where(p => p.OptionsTypeName is not null).SelectMany(provider =>
                    provider.Extra.Select(p => (Name: provider.Id + "." + p.Name, Target: provider.PropertyName + "." + p.PropertyName, Owner: (string?)provider.PropertyName, Parameter: p))))
                .ToList();

            writer.Line("/// <inheritdoc />");
            writer.Open("public void SetParameter(string name, object? value)");
            writer.Line(KnownTypes.ArgumentNullException + ".ThrowIfNull(name);");
            writer.Open("switch (name)");
            foreach (var member in members)
            {
                // A provider-only parameter replaces the options record, so a value that fails to convert changes nothing.
                var required = member.Parameter.Required ? " ?? throw " + ParameterValues + ".Required(name)" : string.Empty;
                var value = Conversion(spec, member.Parameter) + required;
                writer.Line("case " + Literals.String(member.Name) + ":");
                writer.Line(member.Owner is null
                    ? "    " + member.Target + " = " + value + ";"
                    : "    " + member.Owner + " = (" + member.Owner + " ?? new()) with { " + member.Parameter.PropertyName + " = " + value + " };");
                writer.Line("    break;");
            }

            writer.Line("default:");
            writer.Line("    throw " + ParameterValues + ".Unknown(name, ModelId);");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public object? GetParameter(string name) => name switch");
            writer.Line("{");
            foreach (var member in members)
            {
                var value = member.Owner is null ? member.Target : member.Owner + "?" + member.Target.Substring(member.Owner.Length);
                writer.Line("    " + Literals.String(member.Name) + " => " + value + ",");
            }

            writer.Line("    _ => throw " + ParameterValues + ".Unknown(name, ModelId),");
            writer.Line("};");
        }

        private const string ParameterValues = KnownTypes.ParameterValues;

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

        private static void WriteOptions(SourceWriter writer, ModelCard card, ProviderSpec provider)
        {
            writer.Doc("summary", "Parameters of " + Literals.Xml(card.Name) + " that only " + provider.Id + " has.");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public sealed partial record " + provider.OptionsTypeName);
            var first = true;
            foreach (var parameter in provider.Extra)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
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

                WriteProperty(writer, parameter, Literals.Xml(string.Join(" ", sentences)), Enumerable.Empty<ProviderSpec>());
            }

            writer.Line();
            WritePrintMembers(writer, provider.Extra, Enumerable.Empty<string>());
            writer.Close();
        }

        /// <summary>A parameter's property, with its rules as attributes (a provider-only parameter's providers are none).</summary>
        private static void WriteProperty(SourceWriter writer, ParameterSpec parameter, string remarks, IEnumerable<ProviderSpec> providers)
        {
            writer.Doc("summary", parameter.Description is null ? "The <c>" + parameter.Name + "</c> parameter." : Literals.Xml(parameter.Description));
            writer.Doc("remarks", "Card name <c>" + parameter.Name + "</c>. " + remarks);
            foreach (var attribute in RuleAttributes.Of(parameter, providers))
            {
                writer.Line(attribute);
            }

            writer.Line("public " + (parameter.Required ? "required " : string.Empty) + CSharpTypes.PropertyType(parameter) + " " + parameter.PropertyName + " { get; set; }");
        }

        /// <summary>
        /// Records print every property; this prints only what is set, summarizes image lists and never prints a secret,
        /// because requests end up in logs.
        /// </summary>
        private static void WritePrintMembers(SourceWriter writer, IEnumerable<ParameterSpec> parameters, IEnumerable<string> optionProperties)
        {
            writer.Open("private bool PrintMembers(" + KnownTypes.StringBuilder + " builder)");
            writer.Line("var separator = \"\";");
            foreach (var parameter in parameters)
            {
                var name = parameter.PropertyName;
                var isSet = parameter.Required && !CSharpTypes.IsReferenceType(parameter) ? "true" : name + " is not null";
                string value;
                if (parameter.Secret)
                {
                    value = "\"***\"";
                }
                else if (parameter.Kind == ParameterKind.ImageList)
                {
                    value = "\"[\" + " + name + ".Count.ToString(" + KnownTypes.InvariantCulture + ") + \" images]\"";
                }
                else if (parameter.Kind == ParameterKind.EnumList)
                {
                    value = "\"[\" + string.Join(\", \", " + name + ") + \"]\"";
                }
                else if (parameter.Kind == ParameterKind.String)
                {
                    value = name;
                }
                else
                {
                    value = KnownTypes.FormattableString + ".Invariant($\"{" + name + "}\")";
                }

                writer.Open("if (" + isSet + ")");
                writer.Line("builder.Append(separator).Append(\"" + name + " = \").Append(" + value + ");");
                writer.Line("separator = \", \";");
                writer.Close();
            }

            foreach (var property in optionProperties)
            {
                writer.Open("if (" + property + " is not null)");
                writer.Line("builder.Append(separator).Append(\"" + property + " = \").Append(" + property + ");");
                writer.Line("separator = \", \";");
                writer.Close();
            }

            writer.Line("return separator.Length > 0;");
            writer.Close();
        }
    }
}

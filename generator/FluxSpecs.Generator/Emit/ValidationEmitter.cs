using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Emits <c>Validate()</c> and <c>Validate(providerId)</c>: straight-line checks of the card's rules that report every
    /// violation and allocate nothing for a valid request (strings are only made for values that break a rule).
    /// </summary>
    internal static class ValidationEmitter
    {
        private const string Checker = KnownTypes.RequestChecker;
        private const string Result = KnownTypes.ValidationResult;

        public static string Emit(EmitSpec spec)
        {
            var card = spec.Card;
            var writer = new SourceWriter().FileHeader().Line().Open("namespace " + spec.Namespace);
            writer.Open("public sealed partial record " + spec.RequestTypeName);

            writer.Line("/// <inheritdoc />");
            writer.Open("public " + Result + " Validate()");
            writer.Line("var check = new " + Checker + "();");
            writer.Line("ValidateModel(ref check);");
            writer.Line("return check.ToResult();");
            writer.Close();
            writer.Line();

            writer.Line("/// <inheritdoc />");
            writer.Open("public " + Result + " Validate([" + KnownTypes.ProviderId + "] string providerId)");
            writer.Line(KnownTypes.ArgumentNullException + ".ThrowIfNull(providerId);");
            writer.Line("var check = new " + Checker + "();");
            writer.Line("ValidateModel(ref check);");
            writer.Open("switch (providerId)");
            foreach (var provider in card.Providers)
            {
                writer.Line("case " + Literals.String(provider.Id) + ":");
                writer.Line("    Validate" + provider.PropertyName + "(ref check);");
                writer.Line("    break;");
            }

            writer.Line("case \"local\":");
            writer.Line("    // The built-in emulator serves every card with the model's own rules.");
            writer.Line("    break;");
            writer.Line("default:");
            writer.Line("    check.UnknownProvider(ModelId, providerId, " + Literals.String(string.Join(", ", card.Providers.Select(p => p.Id).Concat(new[] { "local" }))) + ");");
            writer.Line("    break;");
            writer.Close();
            WriteIgnoredOptions(writer, card);
            writer.Line("return check.ToResult();");
            writer.Close();
            writer.Line();

            writer.Open("private void ValidateModel(ref " + Checker + " check)");
            foreach (var parameter in card.Parameters)
            {
                WriteChecks(writer, spec, parameter, parameter.Limits, card.Parameters);
            }

            writer.Close();

            foreach (var provider in card.Providers)
            {
                writer.Line();
                WriteProvider(writer, spec, provider);
            }

            writer.Close();

            foreach (var provider in card.Providers.Where(p => p.OptionsTypeName is not null))
            {
                writer.Line();
                writer.Open("public sealed partial record " + provider.OptionsTypeName);
                writer.Open("internal void Validate(ref " + Checker + " check)");
                foreach (var parameter in provider.Extra)
                {
                    WriteChecks(writer, spec, parameter, parameter.Limits, provider.Extra);
                }

                writer.Close();
                writer.Close();
            }

            return writer.Close().ToString();
        }

        /// <summary>Options for other providers are not sent; say so rather than drop them silently.</summary>
        private static void WriteIgnoredOptions(SourceWriter writer, ModelCard card)
        {
            foreach (var provider in card.Providers.Where(p => p.OptionsTypeName is not null))
            {
                writer.Open("if (" + provider.PropertyName + " is not null && providerId != " + Literals.String(provider.Id) + ")");
                writer.Line("check.Warn(" + Literals.String(provider.PropertyName + " options are for " + provider.Id + " and are not sent to ") + " + providerId + \".\");");
                writer.Close();
            }
        }

        private static void WriteProvider(SourceWriter writer, EmitSpec spec, ProviderSpec provider)
        {
            var card = spec.Card;
            writer.Open("private void Validate" + provider.PropertyName + "(ref " + Checker + " check)");
            writer.Line("check.ForProvider(" + Literals.String(provider.Id) + ");");
            foreach (var mapping in provider.Parameters)
            {
                var parameter = card.Parameters.First(p => p.Name == mapping.Parameter);
                WriteChecks(writer, spec, parameter, mapping.Limits, card.Parameters, applicability: false);
                if (!mapping.Values.IsEmpty && parameter.Kind == ParameterKind.Enum)
                {
                    var local = Local(parameter);
                    var members = string.Join(" or ", mapping.Values.Select(v => CSharpTypes.EnumValue(spec, parameter, v.ModelValue)));
                    writer.Open("if (" + parameter.PropertyName + " is { } " + local + " && " + local + " is not (" + members + "))");
                    writer.Line("check.NotAllowed(" + Literals.String(parameter.Name) + ", " + local + ".ToWireValue(), " + Literals.String(string.Join(", ", mapping.Values.Select(v => v.ModelValue))) + ");");
                    writer.Close();
                }
                else if (!mapping.Values.IsEmpty && parameter.Kind == ParameterKind.EnumList)
                {
                    var members = string.Join(" or ", mapping.Values.Select(v => CSharpTypes.EnumValue(spec, parameter, v.ModelValue)));
                    writer.Open("foreach (var item in " + parameter.PropertyName + " ?? [])");
                    writer.Open("if (item is not (" + members + "))");
                    writer.Line("check.NotAllowed(" + Literals.String(parameter.Name) + ", item.ToWireValue(), " + Literals.String(string.Join(", ", mapping.Values.Select(v => v.ModelValue))) + ");");
                    writer.Close();
                    writer.Close();
                }
            }

            foreach (var name in provider.Unsupported)
            {
                var parameter = card.Parameters.First(p => p.Name == name);
                var local = Local(parameter);
                writer.Open("if (" + parameter.PropertyName + " is { } " + local + ")");
                writer.Line("check.Unsupported(" + Literals.String(parameter.Name) + ", " + ValueText(parameter, local) + ", drop: " + Literals.Bool(provider.DropUnsupported) + ");");
                writer.Close();
            }

            if (provider.OptionsTypeName is not null)
            {
                writer.Line(provider.PropertyName + "?.Validate(ref check);");
            }

            writer.Close();
        }

        /// <summary>The checks of one parameter against one set of limits (the model's, or a provider's narrowed ones).</summary>
        private static void WriteChecks(SourceWriter writer, EmitSpec spec, ParameterSpec parameter, Limits limits, IEnumerable<ParameterSpec> siblings, bool applicability = true)
        {
            var property = parameter.PropertyName;
            var name = Literals.String(parameter.Name);
            if (parameter.Required && applicability && CSharpTypes.IsReferenceType(parameter))
            {
                writer.Line("check.Required(" + name + ", " + property + ");");
            }

            switch (parameter.Kind)
            {
                case ParameterKind.Integer:
                    if (limits.Min is not null || limits.Max is not null)
                    {
                        writer.Line("check.Range(" + name + ", " + property + ", " + LongOrNull(limits.Min) + ", " + LongOrNull(limits.Max) + ");");
                    }

                    if (limits.MultipleOf is { } step)
                    {
                        writer.Line("check.MultipleOf(" + name + ", " + property + ", " + Literals.Long(step) + ", " + CSharpTypes.Rounding(limits.Rounding) + ");");
                    }

                    break;
                case ParameterKind.Number:
                    if (limits.Min is not null || limits.Max is not null)
                    {
                        writer.Line("check.Range(" + name + ", " + property + ", " + DoubleOrNull(limits.Min) + ", " + DoubleOrNull(limits.Max) + ");");
                    }

                    break;
                case ParameterKind.String:
                    if (limits.MinLength is not null || limits.MaxLength is not null)
                    {
                        writer.Line("check.Length(" + name + ", " + property + ", " + Literals.Int(limits.MinLength) + ", " + Literals.Int(limits.MaxLength) + ");");
                    }

                    break;
                case ParameterKind.ImageList:
                case ParameterKind.EnumList:
                    if (limits.MaxItems is { } maxItems)
                    {
                        writer.Line("check.Count(" + name + ", " + property + ", " + Literals.Int(maxItems) + ");");
                    }

                    if (!limits.Formats.IsEmpty)
                    {
                        // Guarded so the span of allowed formats is only built when there are images to check.
                        writer.Open("if (" + property + " is not null)");
                        writer.Line("check.Formats(" + name + ", " + property + ", " + string.Join(", ", limits.Formats.Select(CSharpTypes.ImageFormat)) + ");");
                        writer.Close();
                    }

                    break;
            }

            if (applicability && parameter.Applicability is { } condition)
            {
                WriteApplicability(writer, spec, parameter, condition, siblings.First(p => p.Name == condition.Parameter));
            }
        }

        private static void WriteApplicability(SourceWriter writer, EmitSpec spec, ParameterSpec parameter, Applicability condition, ParameterSpec other)
        {
            var local = Local(parameter);
            var otherValue = other.Default is null || other.Required
                ? other.PropertyName
                : "(" + other.PropertyName + " ?? " + CSharpTypes.DefaultConstantName(other) + ")";
            var matches = other.Kind == ParameterKind.Boolean
                ? string.Join(" or ", condition.Values)
                : string.Join(" or ", condition.Values.Select(v => CSharpTypes.EnumValue(spec, other, v)));
            // The parameter is set while the condition says it should not be.
            var breaks = otherValue + (condition.Negated ? " is (" : " is not (") + matches + ")";
            var known = other.Required || other.Default is not null;
            var otherText = (other.Kind, known) switch
            {
                (ParameterKind.Boolean, true) => KnownTypes.RequestChecker + ".Text(" + otherValue + ")",
                (ParameterKind.Boolean, false) => otherValue + " is { } conditionValue ? " + KnownTypes.RequestChecker + ".Text(conditionValue) : null",
                (_, true) => otherValue + ".ToWireValue()",
                _ => otherValue + "?.ToWireValue()",
            };
            writer.Open("if (" + parameter.PropertyName + " is { } " + local + " && " + breaks + ")");
            writer.Line(
                "check.NotApplicable(" + Literals.String(parameter.Name) + ", " + ValueText(parameter, local) + ", " + Literals.String(other.Name) + ", " + otherText + ", "
                + Literals.String(string.Join(" or ", condition.Values)) + ", negated: " + Literals.Bool(condition.Negated) + ");");
            writer.Close();
        }

        /// <summary>The expression that shows a set value in a violation.</summary>
        private static string ValueText(ParameterSpec parameter, string local) => parameter.Kind switch
        {
            ParameterKind.String => parameter.Secret ? "\"***\"" : local,
            ParameterKind.Integer or ParameterKind.Number or ParameterKind.Boolean => KnownTypes.RequestChecker + ".Text(" + local + ")",
            ParameterKind.Enum => local + ".ToWireValue()",
            _ => KnownTypes.RequestChecker + ".Text(" + local + ".Count)",
        };

        private static string Local(ParameterSpec parameter) => char.ToLowerInvariant(parameter.PropertyName[0]) + parameter.PropertyName.Substring(1) + "Value";

        private static string LongOrNull(decimal? value) => value is { } v ? Literals.Long((long)v) : "null";

        private static string DoubleOrNull(decimal? value) => value is { } v ? Literals.Double(v) : "null";
    }
}

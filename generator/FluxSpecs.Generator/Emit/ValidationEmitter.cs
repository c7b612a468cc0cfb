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
            var known = Literals.String(string.Join(", ", card.Providers.Select(p => p.Id).Concat(new[] { "local" })));
            var modelChecks = card.Parameters.SelectMany(p => Checks(spec, p, p.Limits, card.Parameters)).Concat(BudgetCheck(card, card.PixelBudget));
            return Template.File($$"""
                {{Template.FileHeader}}

                namespace {{spec.Namespace}}
                {
                    public sealed partial record {{spec.RequestTypeName}}
                    {
                        /// <inheritdoc />
                        public {{Result}} Validate()
                        {
                            var check = new {{Checker}}();
                            ValidateModel(ref check);
                            return check.ToResult();
                        }

                        /// <inheritdoc />
                        public {{Result}} Validate([{{KnownTypes.ProviderId}}] string providerId)
                        {
                            {{KnownTypes.ArgumentNullException}}.ThrowIfNull(providerId);
                            var check = new {{Checker}}();
                            ValidateModel(ref check);
                            switch (providerId)
                            {{{Template.After(card.Providers.SelectMany(ProviderCase), indent: 4)}}
                                case "local":
                                    // The built-in emulator serves every card with the model's own rules.
                                    break;
                                default:
                                    check.UnknownProvider(ModelId, providerId, {{known}});
                                    break;
                            }{{Template.After(IgnoredOptions(card), indent: 3)}}
                            return check.ToResult();
                        }

                        private void ValidateModel(ref {{Checker}} check)
                        {{{Template.After(modelChecks, indent: 3)}}
                        }{{Template.After(card.Providers.SelectMany(p => ProviderMethod(spec, p)), indent: 2)}}
                    }{{Template.After(card.Providers.Where(p => p.OptionsTypeName is not null).SelectMany(p => OptionsRecord(spec, p)), indent: 1)}}
                }
                """);
        }

        private static string[] ProviderCase(ProviderSpec provider) => Template.LinesOf($$"""
            case {{Literals.String(provider.Id)}}:
                Validate{{provider.PropertyName}}(ref check);
                break;
            """);

        /// <summary>Options for other providers are not sent; say so rather than drop them silently.</summary>
        private static IEnumerable<string> IgnoredOptions(ModelCard card) =>
            card.Providers.Where(p => p.OptionsTypeName is not null).SelectMany(provider => Template.LinesOf($$"""
                if ({{provider.PropertyName}} is not null && providerId != {{Literals.String(provider.Id)}})
                {
                    check.Warn({{Literals.String(provider.PropertyName + " options are for " + provider.Id + " and are not sent to ")}} + providerId + ".");
                }
                """));

        /// <summary><c>Validate{Provider}</c>: the provider's narrowed limits and values, and what it does not take.</summary>
        private static string[] ProviderMethod(EmitSpec spec, ProviderSpec provider)
        {
            var card = spec.Card;
            var body = provider.Parameters
                .SelectMany(mapping => MappingChecks(spec, card.Parameters.First(p => p.Name == mapping.Parameter), mapping))
                .Concat(BudgetCheck(card, provider.PixelBudget))
                .Concat(provider.Unsupported.SelectMany(name => UnsupportedCheck(provider, card.Parameters.First(p => p.Name == name))))
                .Concat(provider.OptionsTypeName is null ? new string[0] : new[] { provider.PropertyName + "?.Validate(ref check);" });
            return Template.LinesOf($$"""

                private void Validate{{provider.PropertyName}}(ref {{Checker}} check)
                {
                    check.ForProvider({{Literals.String(provider.Id)}});{{Template.After(body, indent: 1)}}
                }
                """);
        }

        /// <summary>A provider's checks of one model parameter: its narrowed limits, then the values it accepts.</summary>
        private static IEnumerable<string> MappingChecks(EmitSpec spec, ParameterSpec parameter, ParameterMapping mapping)
        {
            var checks = Checks(spec, parameter, mapping.Limits, spec.Card.Parameters, applicability: false);
            if (mapping.Values.IsEmpty || parameter.Kind is not (ParameterKind.Enum or ParameterKind.EnumList))
            {
                return checks;
            }

            var name = Literals.String(parameter.Name);
            var members = string.Join(" or ", mapping.Values.Select(v => CSharpTypes.EnumValue(spec, parameter, v.ModelValue)));
            var allowed = Literals.String(string.Join(", ", mapping.Values.Select(v => v.ModelValue)));
            var local = Local(parameter);
            return checks.Concat(Template.LinesOf(parameter.Kind == ParameterKind.Enum
                ? $$"""
                    if ({{parameter.PropertyName}} is { } {{local}} && {{local}} is not ({{members}}))
                    {
                        check.NotAllowed({{name}}, {{local}}.ToWireValue(), {{allowed}});
                    }
                    """
                : $$"""
                    foreach (var item in {{parameter.PropertyName}} ?? [])
                    {
                        if (item is not ({{members}}))
                        {
                            check.NotAllowed({{name}}, item.ToWireValue(), {{allowed}});
                        }
                    }
                    """));
        }

        /// <summary>The card's pixel budget (the model's, or a provider's narrower one): width × height at most so many pixels.</summary>
        private static IEnumerable<string> BudgetCheck(ModelCard card, PixelBudget? budget)
        {
            if (budget is null)
            {
                yield break;
            }

            var width = card.Parameters.First(p => p.Name == budget.Width);
            var height = card.Parameters.First(p => p.Name == budget.Height);
            yield return "check.PixelBudget(" + Literals.String(width.Name) + ", " + width.PropertyName + ", " + Literals.String(height.Name) + ", " + height.PropertyName + ", " + Literals.Long(budget.MaxPixels) + ");";
        }

        private static string[] UnsupportedCheck(ProviderSpec provider, ParameterSpec parameter)
        {
            var local = Local(parameter);
            return Template.LinesOf($$"""
                if ({{parameter.PropertyName}} is { } {{local}})
                {
                    check.Unsupported({{Literals.String(parameter.Name)}}, {{ValueText(parameter, local)}}, drop: {{Literals.Bool(provider.DropUnsupported)}});
                }
                """);
        }

        /// <summary>The checks of one parameter against one set of limits (the model's, or a provider's narrowed ones).</summary>
        private static IEnumerable<string> Checks(EmitSpec spec, ParameterSpec parameter, Limits limits, IEnumerable<ParameterSpec> siblings, bool applicability = true)
        {
            var property = parameter.PropertyName;
            var name = Literals.String(parameter.Name);
            if (parameter.Required && applicability && CSharpTypes.IsReferenceType(parameter))
            {
                yield return "check.Required(" + name + ", " + property + ");";
            }

            switch (parameter.Kind)
            {
                case ParameterKind.Integer:
                    if (limits.Min is not null || limits.Max is not null)
                    {
                        yield return "check.Range(" + name + ", " + property + ", " + LongOrNull(limits.Min) + ", " + LongOrNull(limits.Max) + ");";
                    }

                    if (limits.MultipleOf is { } step)
                    {
                        yield return "check.MultipleOf(" + name + ", " + property + ", " + Literals.Long(step) + ", " + CSharpTypes.Rounding(limits.Rounding) + ");";
                    }

                    break;
                case ParameterKind.Number:
                    if (limits.Min is not null || limits.Max is not null)
                    {
                        yield return "check.Range(" + name + ", " + property + ", " + DoubleOrNull(limits.Min) + ", " + DoubleOrNull(limits.Max) + ");";
                    }

                    break;
                case ParameterKind.String:
                    if (limits.MinLength is not null || limits.MaxLength is not null)
                    {
                        yield return "check.Length(" + name + ", " + property + ", " + Literals.Int(limits.MinLength) + ", " + Literals.Int(limits.MaxLength) + ");";
                    }

                    break;
                case ParameterKind.ImageList:
                case ParameterKind.EnumList:
                    if (limits.MaxItems is { } maxItems)
                    {
                        yield return "check.Count(" + name + ", " + property + ", " + Literals.Int(maxItems) + ");";
                    }

                    if (!limits.Formats.IsEmpty)
                    {
                        // Guarded so the span of allowed formats is only built when there are images to check.
                        foreach (var line in Template.LinesOf($$"""
                            if ({{property}} is not null)
                            {
                                check.Formats({{name}}, {{property}}, {{string.Join(", ", limits.Formats.Select(CSharpTypes.ImageFormat))}});
                            }
                            """))
                        {
                            yield return line;
                        }
                    }

                    break;
            }

            if (applicability && parameter.Applicability is { } condition)
            {
                foreach (var line in ApplicabilityCheck(spec, parameter, condition, siblings.First(p => p.Name == condition.Parameter)))
                {
                    yield return line;
                }
            }
        }

        private static string[] ApplicabilityCheck(EmitSpec spec, ParameterSpec parameter, Applicability condition, ParameterSpec other)
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
                (ParameterKind.Boolean, true) => Checker + ".Text(" + otherValue + ")",
                (ParameterKind.Boolean, false) => otherValue + " is { } conditionValue ? " + Checker + ".Text(conditionValue) : null",
                (_, true) => otherValue + ".ToWireValue()",
                _ => otherValue + "?.ToWireValue()",
            };
            var values = Literals.String(string.Join(" or ", condition.Values));
            return Template.LinesOf($$"""
                if ({{parameter.PropertyName}} is { } {{local}} && {{breaks}})
                {
                    check.NotApplicable({{Literals.String(parameter.Name)}}, {{ValueText(parameter, local)}}, {{Literals.String(other.Name)}}, {{otherText}}, {{values}}, negated: {{Literals.Bool(condition.Negated)}});
                }
                """);
        }

        /// <summary><c>Validate</c> of a provider's options record: the checks of its provider-only parameters.</summary>
        private static string[] OptionsRecord(EmitSpec spec, ProviderSpec provider) => Template.LinesOf($$"""

            public sealed partial record {{provider.OptionsTypeName}}
            {
                internal void Validate(ref {{Checker}} check)
                {{{Template.After(provider.Extra.SelectMany(p => Checks(spec, p, p.Limits, provider.Extra)), indent: 2)}}
                }
            }
            """);

        /// <summary>The expression that shows a set value in a violation.</summary>
        private static string ValueText(ParameterSpec parameter, string local) => parameter.Kind switch
        {
            ParameterKind.String => parameter.Secret ? "\"***\"" : local,
            ParameterKind.Integer or ParameterKind.Number or ParameterKind.Boolean => Checker + ".Text(" + local + ")",
            ParameterKind.Enum => local + ".ToWireValue()",
            _ => Checker + ".Text(" + local + ".Count)",
        };

        private static string Local(ParameterSpec parameter) => char.ToLowerInvariant(parameter.PropertyName[0]) + parameter.PropertyName.Substring(1) + "Value";

        private static string LongOrNull(decimal? value) => value is { } v ? Literals.Long((long)v) : "null";

        private static string DoubleOrNull(decimal? value) => value is { } v ? Literals.Double(v) : "null";
    }
}

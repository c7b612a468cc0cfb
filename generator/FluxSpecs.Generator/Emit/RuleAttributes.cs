using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// The attributes of <c>FluxSpecs.GeneratedCode</c> that carry a card's rules on the generated types, the way
    /// DataAnnotations carry them: the analyzer of any project that references the compiled types (the same project, or a
    /// package) reads the rules from them, so no card text has to ship in the generated code.
    /// </summary>
    internal static class RuleAttributes
    {
        private const string Namespace = KnownTypes.GeneratedCode;

        public static string ModelRequest(ModelCard card) =>
            "[" + Namespace + "ModelRequest(" + string.Join(", ", new[] { card.Id }.Concat(card.Providers.Select(p => p.Id)).Select(Literals.String)) + ")]";

        /// <summary>
        /// The card's pixel budgets on the request type: the model's, then each provider's narrower one
        /// (<c>[PixelBudget("width", "height", 4194304, Provider = "bfl")]</c>).
        /// </summary>
        public static IEnumerable<string> PixelBudgets(ModelCard card)
        {
            if (card.PixelBudget is { } model)
            {
                yield return PixelBudget(model, null);
            }

            foreach (var provider in card.Providers.Where(p => p.PixelBudget is not null))
            {
                yield return PixelBudget(provider.PixelBudget!, provider.Id);
            }
        }

        private static string PixelBudget(PixelBudget budget, string? provider) =>
            "[" + Namespace + "PixelBudget(" + Literals.String(budget.Width) + ", " + Literals.String(budget.Height) + ", " + Literals.Long(budget.MaxPixels)
            + (provider is null ? string.Empty : ", Provider = " + Literals.String(provider)) + ")]";

        /// <summary>The mark on a provider-options record: whose <c>extra</c> parameters its properties are.</summary>
        public static string ProviderOptions(ModelCard card, ProviderSpec provider) =>
            "[" + Namespace + "ProviderOptions(" + Literals.String(card.Id) + ", " + Literals.String(provider.Id) + ")]";

        public static string WireValue(EnumValueSpec value) => "[" + Namespace + "WireValue(" + Literals.String(value.Value) + ")]";

        /// <summary>
        /// A property's attributes: its card name and default, the model's limits, when it applies, then each provider's
        /// narrower limits, the values it accepts when it does not accept them all, and whether it rejects the parameter.
        /// </summary>
        public static IEnumerable<string> Of(ParameterSpec parameter, IEnumerable<ProviderSpec> providers)
        {
            yield return "[" + Namespace + "CardParameter(" + Literals.String(parameter.Name) + (parameter.Default is null ? string.Empty : ", Default = " + Literals.String(parameter.Default)) + ")]";
            if (Limits(parameter.Limits) is { } limits)
            {
                yield return "[" + Namespace + "Limits(" + limits + ")]";
            }

            if (parameter.Applicability is { } condition)
            {
                yield return "[" + Namespace + (condition.Negated ? "AppliesUnless(" : "AppliesWhen(")
                    + string.Join(", ", new[] { condition.Parameter }.Concat(condition.Values).Select(Literals.String)) + ")]";
            }

            foreach (var provider in providers)
            {
                var mapping = provider.Parameters.FirstOrDefault(m => m.Parameter == parameter.Name);
                if (mapping is not null && Limits(mapping.Limits) is { } narrower)
                {
                    yield return "[" + Namespace + "ProviderLimits(" + Literals.String(provider.Id) + ", " + narrower + ")]";
                }

                if (mapping is not null && !mapping.Values.IsEmpty && parameter.Values.Any(v => !mapping.Values.Any(m => m.ModelValue == v.Value)))
                {
                    yield return "[" + Namespace + "ProviderValues(" + string.Join(", ", new[] { provider.Id }.Concat(mapping.Values.Select(v => v.ModelValue)).Select(Literals.String)) + ")]";
                }

                if (provider.Unsupported.Contains(parameter.Name) && !provider.DropUnsupported)
                {
                    yield return "[" + Namespace + "ProviderRejects(" + Literals.String(provider.Id) + ")]";
                }
            }
        }

        /// <summary>The named arguments of a <c>ValueLimitsAttribute</c>, or null when none of its rules is set (formats are the runtime's alone).</summary>
        private static string? Limits(Limits limits)
        {
            var parts = new List<string>();
            if (limits.Min is { } min)
            {
                parts.Add("Min = " + Number(min));
            }

            if (limits.Max is { } max)
            {
                parts.Add("Max = " + Number(max));
            }

            if (limits.MultipleOf is { } step)
            {
                parts.Add("MultipleOf = " + Literals.Long(step));
            }

            if (limits.Rounding is not null)
            {
                parts.Add("Rounding = " + CSharpTypes.Rounding(limits.Rounding));
            }

            AddCount(parts, "MinLength", limits.MinLength);
            AddCount(parts, "MaxLength", limits.MaxLength);
            AddCount(parts, "MaxItems", limits.MaxItems);
            return parts.Count == 0 ? null : string.Join(", ", parts);
        }

        /// <summary>A bound for a <see cref="double"/> argument: whole numbers as integers (<c>Max = 2048</c>), as people write them.</summary>
        private static string Number(decimal value) =>
            decimal.Truncate(value) == value && value >= long.MinValue && value <= long.MaxValue ? Literals.Long((long)value) : Literals.Double(value);

        private static void AddCount(List<string> parts, string name, int? value)
        {
            if (value is not null)
            {
                parts.Add(name + " = " + Literals.Int(value));
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Cards;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>Rules in words, for the XML docs of generated properties.</summary>
    internal static class RuleDescriptions
    {
        public static string Describe(Limits limits)
        {
            var parts = new List<string>();
            if (limits.Min is { } min && limits.Max is { } max)
            {
                parts.Add(RuleText.Format(min) + "–" + RuleText.Format(max));
            }
            else if (limits.Min is { } onlyMin)
            {
                parts.Add("at least " + RuleText.Format(onlyMin));
            }
            else if (limits.Max is { } onlyMax)
            {
                parts.Add("at most " + RuleText.Format(onlyMax));
            }

            if (limits.MultipleOf is { } step)
            {
                parts.Add("a multiple of " + RuleText.Format(step) + (limits.Rounding is { } rounding && rounding != RoundingMode.Reject ? " (rounded " + CardVocabulary.Roundings.WordOf(rounding) + ")" : string.Empty));
            }

            if (limits.MinLength is { } minLength)
            {
                parts.Add("at least " + Count(minLength, "character"));
            }

            if (limits.MaxLength is { } maxLength)
            {
                parts.Add("at most " + Count(maxLength, "character"));
            }

            if (limits.MaxItems is { } maxItems)
            {
                parts.Add("at most " + Count(maxItems, "item"));
            }

            if (!limits.Formats.IsEmpty)
            {
                parts.Add(string.Join("/", limits.Formats));
            }

            return string.Join(", ", parts);
        }

        /// <summary>The remarks of a model parameter: its rules, when it applies, its default, and how providers differ.</summary>
        public static string Remarks(ParameterSpec parameter, ModelCard card)
        {
            var sentences = new List<string>();
            if (parameter.Required)
            {
                sentences.Add("Required.");
            }

            var rules = Describe(parameter.Limits);
            if (rules.Length > 0)
            {
                sentences.Add(Capitalize(rules) + ".");
            }

            if (parameter.Applicability is { } condition)
            {
                sentences.Add((condition.Negated ? "Does not apply when " : "Only applies when ") + condition.Parameter + " is " + string.Join(" or ", condition.Values) + ".");
            }

            if (parameter.Default is { } value)
            {
                sentences.Add("The provider uses " + value + " when it is not set.");
            }

            var differences = card.Providers
                .Select(p => (Provider: p.Id, Text: ProviderDifference(parameter, p)))
                .Where(d => d.Text.Length > 0)
                .Select(d => d.Provider + ": " + d.Text)
                .ToList();
            if (differences.Count > 0)
            {
                sentences.Add("Providers differ — " + string.Join("; ", differences) + ".");
            }

            return string.Join(" ", sentences);
        }

        private static string ProviderDifference(ParameterSpec parameter, ProviderSpec provider)
        {
            if (provider.Unsupported.Contains(parameter.Name))
            {
                return "not accepted" + (provider.DropUnsupported ? " (dropped)" : string.Empty);
            }

            var mapping = provider.Parameters.FirstOrDefault(m => m.Parameter == parameter.Name);
            if (mapping is null)
            {
                return string.Empty;
            }

            var parts = new List<string>();
            var limits = Describe(mapping.Limits);
            if (limits.Length > 0)
            {
                parts.Add(limits);
            }

            if (!mapping.Values.IsEmpty)
            {
                parts.Add(string.Join("/", mapping.Values.Select(v => v.ModelValue)));
            }

            return string.Join(", ", parts);
        }

        private static string Count(long count, string noun) => RuleText.Format(count) + " " + noun + (count == 1 ? string.Empty : "s");

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}

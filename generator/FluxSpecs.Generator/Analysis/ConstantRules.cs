using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using FluxSpecs.Generator.Cards;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// Checks one known request value against the rules of a card parameter — the model's own or a provider's narrowed
    /// ones, as the generated attributes carry them. Roslyn-free: plain values evaluated on constants.
    /// </summary>
    internal static class ConstantRules
    {
        public static IEnumerable<ConstantFinding> Check(ParameterRules parameter, Limits limits, KnownValue known, string? provider)
        {
            if (known.IsCount)
            {
                var count = (int)known.Value;
                if (limits.MaxItems is { } maxItems && count > maxItems)
                {
                    yield return Finding(provider, RequestValueIds.TooManyItems, parameter, Format(count) + " items", "at most " + Format(maxItems) + " items");
                }

                yield break;
            }

            switch (known.Value)
            {
                case long integer when parameter.Kind == ParameterKind.Integer:
                    foreach (var finding in CheckInteger(parameter, limits, integer, provider))
                    {
                        yield return finding;
                    }

                    break;
                case double number when parameter.Kind == ParameterKind.Number:
                    if (limits.Min is { } min && number < (double)min || limits.Max is { } max && number > (double)max)
                    {
                        var bound = number < (double)(limits.Min ?? 0) ? limits.Min!.Value : limits.Max!.Value;
                        yield return Finding(provider, RequestValueIds.OutOfRange, parameter, Format(number), RangeText(limits), [Literal(bound, asDouble: true)]);
                    }

                    break;
                case string text when parameter.Kind == ParameterKind.String:
                    if (limits.MinLength is { } minLength && text.Length < minLength)
                    {
                        yield return Finding(provider, RequestValueIds.BadLength, parameter, Format(text.Length) + " characters", "at least " + Format(minLength) + " characters");
                    }
                    else if (limits.MaxLength is { } maxLength && text.Length > maxLength)
                    {
                        yield return Finding(provider, RequestValueIds.BadLength, parameter, Format(text.Length) + " characters", "at most " + Format(maxLength) + " characters");
                    }

                    break;
            }
        }

        /// <summary>A provider rule that is not a limit: a value it does not accept, or a parameter it lacks.</summary>
        public static IEnumerable<ConstantFinding> CheckProviderOnly(ParameterRules parameter, string provider, KnownValue known)
        {
            if (parameter.RejectedBy.Contains(provider))
            {
                yield return Finding(provider, RequestValueIds.ProviderRule, parameter, Show(known), "left unset");
                yield break;
            }

            if (parameter.ProviderValues.TryGetValue(provider, out var accepted) && parameter.Kind == ParameterKind.Enum && known.Value is string wire
                && !accepted.Contains(wire))
            {
                yield return Finding(provider, RequestValueIds.ProviderRule, parameter, wire, "one of " + string.Join(", ", accepted));
            }
        }

        private static IEnumerable<ConstantFinding> CheckInteger(ParameterRules parameter, Limits limits, long value, string? provider)
        {
            var below = limits.Min is { } min && value < min;
            var above = limits.Max is { } max && value > max;
            if (below || above)
            {
                var bound = (long)(below ? limits.Min!.Value : limits.Max!.Value);
                var fix = limits.MultipleOf is { } fixStep ? NearestMultipleWithin(bound, fixStep, limits) : bound;
                yield return Finding(provider, RequestValueIds.OutOfRange, parameter, Format(value), RangeText(limits), fix is { } f ? [Format(f)] : []);
                yield break;
            }

            if (limits.MultipleOf is { } step && value % step != 0)
            {
                var down = value - (((value % step) + step) % step);
                var up = down + step;
                var providerUses = Round(value, down, up, limits.Rounding);
                var candidates = new[] { down, up }
                    .Where(c => (limits.Min is not { } lo || c >= lo) && (limits.Max is not { } hi || c <= hi))
                    .OrderBy(c => Math.Abs(c - value))
                    .ThenByDescending(c => c)
                    .Select(Format)
                    .ToImmutableArray();
                var outcome = providerUses is { } used ? "; the provider would use " + Format(used) : "; the provider rejects it";
                yield return Finding(provider, RequestValueIds.NotAMultiple, parameter, Format(value), "a multiple of " + Format(step) + outcome, candidates);
            }
        }

        private static long? Round(long value, long down, long up, RoundingMode? rounding) => rounding switch
        {
            RoundingMode.Reject => null,
            RoundingMode.Down => down,
            RoundingMode.Up => up,
            _ => value - down < up - value ? down : (value - down > up - value ? up : (value >= 0 ? up : down)),
        };

        private static long? NearestMultipleWithin(long bound, long step, Limits limits)
        {
            var down = bound - (((bound % step) + step) % step);
            foreach (var candidate in new[] { down, down + step, down - step })
            {
                if ((limits.Min is not { } lo || candidate >= lo) && (limits.Max is not { } hi || candidate <= hi))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static ConstantFinding Finding(string? provider, string id, ParameterRules parameter, string value, string rule, ImmutableArray<string> replacements = default) =>
            new ConstantFinding(
                provider is null ? id : RequestValueIds.ProviderRule,
                ImmutableArray.Create(parameter.Name, value, provider is null ? rule : rule + " on " + provider),
                replacements.IsDefault ? ImmutableArray<string>.Empty : replacements);

        private static string RangeText(Limits limits) => (limits.Min, limits.Max) switch
        {
            ({ } min, { } max) => "between " + RuleText.Format(min) + " and " + RuleText.Format(max),
            ({ } min, null) => "at least " + RuleText.Format(min),
            (null, { } max) => "at most " + RuleText.Format(max),
            _ => "in range",
        };

        private static string Literal(decimal value, bool asDouble) => value.ToString(CultureInfo.InvariantCulture) + (asDouble ? "d" : string.Empty);

        public static string Show(KnownValue known) => known.IsCount
            ? Format((int)known.Value) + " items"
            : known.Value switch
            {
                long l => Format(l),
                double d => Format(d),
                bool b => b ? "true" : "false",
                string s => s,
                _ => Convert.ToString(known.Value, CultureInfo.InvariantCulture) ?? string.Empty,
            };

        private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}

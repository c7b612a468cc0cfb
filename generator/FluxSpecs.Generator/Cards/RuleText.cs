using System.Collections.Generic;
using System.Globalization;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Checks a value written in a card (a default) against a parameter's rules, and words the first it breaks.</summary>
    internal static class RuleText
    {
        public static string? FirstBroken(ParameterKind kind, string value, Limits limits, IReadOnlyList<string> allowedValues)
        {
            switch (kind)
            {
                case ParameterKind.Integer:
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        return "it must be an integer";
                    }

                    return Range(integer, limits) ?? (limits.MultipleOf is { } step && integer % step != 0 ? "it must be a multiple of " + Format(step) : null);
                case ParameterKind.Number:
                    return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? Range(number, limits)
                        : "it must be a number";
                case ParameterKind.Boolean:
                    return value is "true" or "false" or "True" or "False" or "TRUE" or "FALSE" ? null : "it must be true or false";
                case ParameterKind.String:
                    if (limits.MinLength is { } minLength && value.Length < minLength)
                    {
                        return "it must be at least " + Format(minLength) + " characters long";
                    }

                    return limits.MaxLength is { } maxLength && value.Length > maxLength
                        ? "it must be at most " + Format(maxLength) + " characters long"
                        : null;
                case ParameterKind.Enum:
                    return Contains(allowedValues, value) ? null : "it must be one of: " + string.Join(", ", allowedValues);
                default:
                    return "lists have no default";
            }
        }

        private static string? Range(decimal value, Limits limits)
        {
            if (limits.Min is { } min && value < min)
            {
                return "it must be at least " + Format(min);
            }

            return limits.Max is { } max && value > max ? "it must be at most " + Format(max) : null;
        }

        private static bool Contains(IReadOnlyList<string> values, string value)
        {
            foreach (var candidate in values)
            {
                if (candidate == value)
                {
                    return true;
                }
            }

            return false;
        }

        public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}

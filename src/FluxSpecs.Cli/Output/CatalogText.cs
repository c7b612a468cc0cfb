using System.Globalization;
using FluxSpecs.Catalog;

namespace FluxSpecs.Cli.Output;

/// <summary>
/// The catalog's rules and prices in words, for <c>describe</c>: one spelling of a range, a step, a value list, a
/// condition and a rate, used for model parameters, provider-only options and each provider's narrower rules alike.
/// </summary>
internal static class CatalogText
{
    /// <summary>One price rate: its JSON name, what it is charged for, and the amount in the pricing's unit.</summary>
    public sealed record Rate(string Name, string Per, decimal Amount);

    /// <summary>The rules of a value: range, step, lengths, items, formats, allowed values, when it applies.</summary>
    public static string Rules(ParameterLimits limits, IEnumerable<string>? values = null, Applicability? applicability = null)
    {
        var parts = new List<string>();
        if (Range(limits.Minimum, limits.Maximum) is { } range)
        {
            parts.Add(range);
        }

        if (limits.MultipleOf is { } step)
        {
            parts.Add(Invariant($"multiple of {step}") + (limits.Rounding is { } rounding ? $" ({RoundingWord(rounding)})" : ""));
        }

        if (Range(limits.MinLength, limits.MaxLength) is { } length)
        {
            parts.Add(length + " chars");
        }

        if (limits.MaxItems is { } items)
        {
            parts.Add(Invariant($"at most {items} items"));
        }

        if (limits.Formats.Count > 0)
        {
            parts.Add("formats " + string.Join(", ", limits.Formats));
        }

        if (values?.ToList() is { Count: > 0 } list)
        {
            parts.Add("one of " + string.Join(" | ", list));
        }

        if (applicability is not null)
        {
            parts.Add(Condition(applicability));
        }

        return string.Join("; ", parts);
    }

    /// <summary><c>only when aspect_ratio = custom</c>, <c>not when …</c>.</summary>
    public static string Condition(Applicability applicability) =>
        (applicability.Negated ? "not when " : "only when ") + applicability.Parameter + " = " + string.Join(" | ", applicability.Values);

    /// <summary>An allowed value with the providers' spellings accepted for it: <c>jpeg (or jpg)</c>.</summary>
    public static string Value(EnumValueDescriptor value) =>
        value.Aliases.Count == 0 ? value.Value : value.Value + " (or " + string.Join(", ", value.Aliases) + ")";

    /// <summary>
    /// A provider's default for one parameter, with its default on the edit endpoint where that differs:
    /// <c>4:3; with reference images: match_input_image</c>.
    /// </summary>
    public static string ProviderDefault(ProviderParameterDescriptor parameter) =>
        string.Join("; ", new[] { parameter.Default, parameter.EditDefault is { } edit ? "with reference images: " + edit : null }.OfType<string>());

    /// <summary><c>width × height at most 4,194,304 pixels (4.19 MP)</c>.</summary>
    public static string PixelBudget(PixelBudget budget) =>
        Invariant($"{budget.Width} × {budget.Height} at most {budget.MaxPixels:N0} pixels ({budget.MaxPixels / 1_000_000m:0.##} MP)");

    /// <summary>How a provider narrows and spells one model parameter.</summary>
    public static string ProviderRules(ProviderParameterDescriptor parameter)
    {
        var parts = new List<string>();
        if (Rules(parameter.Limits) is { Length: > 0 } rules)
        {
            parts.Add(rules);
        }

        if (parameter.Values.Count > 0)
        {
            parts.Add("takes " + string.Join(" | ", parameter.Values.Select(v => v.Value switch
            {
                null => v.Key + " (accepted, not sent)",
                var wire when wire == v.Key => v.Key,
                var wire => v.Key + " as " + wire,
            })));
        }

        if (parameter.Convert is { } convert)
        {
            parts.Add("sent via " + convert.ToCardWord());
        }

        if (parameter.ImageShape is { } shape)
        {
            parts.Add(shape == ImageShape.Indexed ? "one field per image" : "one list field");
        }

        if (parameter.ImageEncoding is { } encoding)
        {
            parts.Add("images as " + encoding.ToCardWord());
        }

        return string.Join("; ", parts);
    }

    /// <summary>Every rate of a price, in the order a bill adds them up.</summary>
    public static IReadOnlyList<Rate> Rates(PricingDescriptor pricing)
    {
        var rates = new List<Rate>();
        if (pricing.PerRequest is { } perRequest)
        {
            rates.Add(new Rate("per_request", "per request", perRequest));
        }

        if (pricing.PerMegapixel is { } mp)
        {
            Add("first_megapixel", "for the first output megapixel", mp.First);
            Add("additional_megapixel", "for each further output megapixel", mp.Additional);
            Add("output_megapixel", "per output megapixel", mp.Output);
            Add("input_megapixel", "per reference-image megapixel", mp.Input);
        }

        return rates;

        void Add(string name, string per, decimal? amount)
        {
            if (amount is { } value)
            {
                rates.Add(new Rate(name, per, value));
            }
        }
    }

    /// <summary>The rules that turn pixels into billed megapixels.</summary>
    public static IReadOnlyList<string> MegapixelRules(MegapixelRates rates)
    {
        var rules = new List<string>
        {
            rates.Rounding == MegapixelRounding.Up ? "each image rounds up to whole megapixels" : "megapixels are billed exactly",
            Invariant($"1 MP = {rates.PixelsPerMegapixel:N0} pixels"),
        };
        if (rates.MinInputMegapixels is { } least)
        {
            rules.Add(Invariant($"a reference image counts at least {least:0.####} MP"));
        }

        if (rates.MaxMegapixels is { } most)
        {
            rules.Add(Invariant($"an image counts at most {most:0.####} MP"));
        }

        return rules;
    }

    /// <summary>An amount in the pricing's unit, with its USD value where a credit's is published.</summary>
    public static string Money(decimal amount, PricingDescriptor pricing) => pricing.Unit switch
    {
        PricingUnit.Credits => Invariant($"{amount:0.####} credits") + (pricing.CreditUsd is { } usd ? Invariant($" (${amount * usd:0.####})") : ""),
        _ => Invariant($"${amount:0.####}"),
    };

    /// <summary>Every rate in one line: <c>$0.03 for the first output megapixel, $0.015 for each further output megapixel …</c>.</summary>
    public static string PriceSummary(PricingDescriptor? pricing) => pricing is null
        ? "not published"
        : string.Join(", ", Rates(pricing).Select(rate => Money(rate.Amount, pricing) + " " + rate.Per));

    /// <summary>Where the figures come from and when they were read.</summary>
    public static string Source(PricingDescriptor pricing) =>
        Invariant($"{pricing.Source} (as of {pricing.AsOf:yyyy-MM-dd}{(pricing.Verified ? "" : ", not verified")})");

    public static string RoundingWord(Validation.Rounding rounding) => rounding.ToString().ToLowerInvariant();

    private static string? Range<T>(T? minimum, T? maximum)
        where T : struct, IFormattable => (minimum, maximum) switch
        {
            (null, null) => null,
            ({ } low, null) => "at least " + low.ToString("G29", CultureInfo.InvariantCulture),
            (null, { } high) => "at most " + high.ToString("G29", CultureInfo.InvariantCulture),
            ({ } low, { } high) => low.ToString("G29", CultureInfo.InvariantCulture) + "–" + high.ToString("G29", CultureInfo.InvariantCulture),
        };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

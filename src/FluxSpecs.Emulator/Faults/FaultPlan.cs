using System.Globalization;

namespace FluxSpecs.Emulator.Faults;

/// <summary>
/// Faults for a whole run of the emulator, as rules that count calls: <c>status:503;every=3</c> (every third status call
/// of any provider answers 503), <c>create:429;retry-after=2;times=1;provider=bfl</c>, <c>download:slow=500</c>,
/// <c>create:fail;every=2</c>. Rules are separated by commas; the first rule that hits a call decides it.
/// </summary>
public sealed class FaultPlan
{
    /// <summary>Creates a plan from rules.</summary>
    internal FaultPlan(IEnumerable<FaultRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
    }

    /// <summary>A plan with no faults. A new instance each time, since rules keep counters.</summary>
    public static FaultPlan None => new([]);

    /// <summary>The rules, in order.</summary>
    internal IReadOnlyList<FaultRule> Rules { get; }

    /// <summary>Parses a plan such as <c>status:503;every=3, create:429;retry-after=2;times=1</c>.</summary>
    /// <exception cref="FormatException">A rule is malformed.</exception>
    public static FaultPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<FaultRule>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            rules.Add(ParseRule(item));
        }

        return new FaultPlan(rules);
    }

    /// <summary>The fault for the next call of <paramref name="kind"/> to <paramref name="providerId"/>, or null.</summary>
    internal Fault? Next(CallKind kind, string providerId)
    {
        Fault? chosen = null;
        foreach (var rule in Rules)
        {
            // Every matching rule counts the call, so each rule's "every Nth" stays true to its own count.
            if (rule.Matches(kind, providerId))
            {
                chosen ??= rule.Fault;
            }
        }

        return chosen;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Rules);

    private static FaultRule ParseRule(string item)
    {
        CallKind? on = null;
        var rest = item;
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            on = Fault.ParseCallKind(item[..colon]);
            rest = item[(colon + 1)..];
        }

        var every = 1;
        int? times = null;
        string? provider = null;
        var faultParts = new List<string>();
        foreach (var part in rest.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            switch (key.ToLowerInvariant())
            {
                case "every":
                    every = Positive(value, "every");
                    break;
                case "times":
                    times = Positive(value, "times");
                    break;
                case "provider":
                    provider = value;
                    break;
                default:
                    faultParts.Add(part);
                    break;
            }
        }

        var fault = Fault.Parse(string.Join(';', faultParts));
        return new FaultRule(on ?? fault.On, fault with { On = null }, every, times, provider);
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{name} takes a positive whole number, not '{value}'.");
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace FluxSpecs.Cli.Requests;

/// <summary>
/// Durations as the CLI takes them (<c>--deadline</c>, a batch row's <c>"deadline"</c>): whole numbers with <c>h</c>,
/// <c>m</c>, <c>s</c> and <c>ms</c> in that order (<c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>1500ms</c>), or a bare number of
/// seconds — Replicate's <c>Cancel-After</c> spelling, plus milliseconds.
/// </summary>
internal static partial class DurationText
{
    /// <summary>The rule a bad duration is told, after its value.</summary>
    public const string Rule = "give a duration above zero: whole numbers with h, m, s or ms, e.g. 90s, 5m, 1h30m (a bare number is seconds)";

    /// <summary>The duration <paramref name="text"/> spells, above zero; null when it is not one.</summary>
    public static TimeSpan? Parse(string text)
    {
        TimeSpan duration;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds > 10 * 365 * 86_400L)
            {
                return null;
            }

            duration = TimeSpan.FromSeconds(seconds);
        }
        else
        {
            var match = Pattern().Match(text);
            if (!match.Success || match.Length == 0)
            {
                return null;
            }

            long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            duration = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        }

        return duration > TimeSpan.Zero ? duration : null;
    }

    [GeneratedRegex(@"^(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,6})m(?!s))?(?:(?<s>\d{1,8})s)?(?:(?<ms>\d{1,9})ms)?$")]
    private static partial Regex Pattern();
}

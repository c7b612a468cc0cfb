using System.Globalization;

namespace FluxSpecs.Webhooks;

/// <summary>The replay check shared by the providers that sign a time: Unix seconds within a tolerance of now, either way.</summary>
internal static class WebhookTimestamp
{
    public static bool TryRead(string text, out long unixSeconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds);

    /// <summary>Null when fresh, else the reason it is not.</summary>
    public static string? Check(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var skew = now.ToUnixTimeSeconds() - unixSeconds;
        return Math.Abs(skew) <= (long)tolerance.TotalSeconds
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the signed timestamp is {Math.Abs(skew)} s in the {(skew > 0 ? "past" : "future")}; at most {(long)tolerance.TotalSeconds} s is accepted");
    }

    public static TimeSpan Validate(TimeSpan tolerance, string paramName) =>
        tolerance > TimeSpan.Zero ? tolerance : throw new ArgumentOutOfRangeException(paramName, tolerance, "The tolerance must be positive.");
}

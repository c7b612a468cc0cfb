namespace FluxSpecs.Clients;

/// <summary>
/// How a job is waited for when the provider gives no faster signal: polls are spaced by how far the job is from its
/// typical run time, so the result is seen soon after it is ready without hammering the status endpoint.
/// </summary>
/// <remarks>Defaults from seed 004's measurements of FLUX.2 [pro]: median generation 17 s, 95th percentile 29 s.</remarks>
public sealed class PollingOptions
{
    /// <summary>The shortest interval between polls. Default 0.5 s.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest interval between polls. Default 5 s.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a job usually takes (the median). Default 17 s.</summary>
    public TimeSpan TypicalRunTime { get; set; } = TimeSpan.FromSeconds(17);

    /// <summary>How long to wait for a job before giving up with <see cref="Errors.JobTimeoutException"/>. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The next wait: a third of the time left to the typical run time (so polls thicken as completion nears), then,
    /// past it, the minimum, growing by half with each poll (<paramref name="pollsPastTypical"/> counts them from 1);
    /// always within [min, max], and never shorter than a provider's Retry-After.
    /// </summary>
    /// <remarks>
    /// Past the typical time most jobs end soon, so the first polls stay at the minimum (a job just late is seen within
    /// it), and a gentle growth keeps a slow job's wait short: measured in docs/performance.md (section 5).
    /// </remarks>
    public TimeSpan NextInterval(TimeSpan elapsed, int pollsPastTypical, TimeSpan? retryAfter) =>
        NextInterval(elapsed, pollsPastTypical, retryAfter, TypicalRunTime);

    /// <summary>The same schedule around another typical run time (a job's own hint, see <see cref="Jobs.ImageJob"/>).</summary>
    internal TimeSpan NextInterval(TimeSpan elapsed, int pollsPastTypical, TimeSpan? retryAfter, TimeSpan typicalRunTime)
    {
        var interval = elapsed < typicalRunTime
            ? (typicalRunTime - elapsed) / 3
            : MinInterval * Math.Pow(1.5, Math.Clamp(pollsPastTypical - 1, 0, 30));
        interval = TimeSpan.FromTicks(Math.Clamp(interval.Ticks, MinInterval.Ticks, MaxInterval.Ticks));
        return retryAfter is { } wait && wait > interval ? wait : interval;
    }
}

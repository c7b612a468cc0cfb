using FluxSpecs.Clients;

namespace FluxSpecs.Tests.Clients;

/// <summary>Where the adaptive poller puts its polls: thickening towards the typical time, then a gentle backoff.</summary>
public sealed class PollingOptionsTests
{
    private static readonly PollingOptions Options = new() { TypicalRunTime = TimeSpan.FromSeconds(5) };

    [Fact]
    public void Before_the_typical_time_a_third_of_what_is_left_within_the_bounds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5) / 3, Options.NextInterval(TimeSpan.Zero, 0, null));
        Assert.Equal(TimeSpan.FromSeconds(1), Options.NextInterval(TimeSpan.FromSeconds(2), 0, null));
        Assert.Equal(Options.MinInterval, Options.NextInterval(TimeSpan.FromSeconds(4.5), 0, null));
        Assert.Equal(Options.MaxInterval, new PollingOptions().NextInterval(TimeSpan.Zero, 0, null));
    }

    [Fact]
    public void Past_the_typical_time_the_first_poll_waits_the_minimum_and_each_next_half_as_long_again()
    {
        var waits = Enumerable.Range(1, 6).Select(n => Options.NextInterval(TimeSpan.FromSeconds(5), n, null).TotalMilliseconds);

        Assert.Equal([500, 750, 1125, 1687.5, 2531.25, 3796.875], waits);
        Assert.Equal(Options.MaxInterval, Options.NextInterval(TimeSpan.FromMinutes(5), 1000, null));
    }

    [Fact]
    public void A_retry_after_longer_than_the_interval_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Options.NextInterval(TimeSpan.FromSeconds(5), 1, TimeSpan.FromSeconds(3)));
        Assert.Equal(Options.MinInterval, Options.NextInterval(TimeSpan.FromSeconds(5), 1, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void The_polls_of_a_job_that_ends_just_after_the_typical_time_are_at_most_the_minimum_apart_around_it()
    {
        // The polls a 5 s job gets, as ImageJob counts them: 1.667, 2.778, 3.519, 4.019, 4.519, 5.019, then the
        // first poll past the typical time, at the minimum: the job ending at 5.2 s is seen at 5.519 s (not 6.019 s).
        var polls = new List<double>();
        var elapsed = TimeSpan.Zero;
        var pastTypical = 0;
        while (elapsed < TimeSpan.FromSeconds(5.2))
        {
            pastTypical += elapsed >= Options.TypicalRunTime ? 1 : 0;
            elapsed += Options.NextInterval(elapsed, pastTypical, null);
            polls.Add(Math.Round(elapsed.TotalSeconds, 3));
        }

        Assert.Equal(5.519, polls[^1]);
        Assert.Equal(7, polls.Count);
    }
}

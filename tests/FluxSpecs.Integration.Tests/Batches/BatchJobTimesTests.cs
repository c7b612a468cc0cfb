using FluxSpecs.Batches;
using FluxSpecs.Clients;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>What the batch learns of each provider's job times, and how a job polls around it.</summary>
public sealed class BatchJobTimesTests
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void A_provider_has_a_typical_time_once_three_of_its_jobs_ended_the_median_of_its_own()
    {
        var times = new BatchJobTimes();
        times.Add("bfl", Seconds(2.1));
        times.Add("bfl", Seconds(9));
        times.Add("fal", Seconds(30));

        Assert.Null(times.Typical("bfl"));
        Assert.Null(times.Typical("vtrix"));

        times.Add("bfl", Seconds(2.0));

        Assert.Equal(Seconds(2.1), times.Typical("bfl"));
        Assert.Null(times.Typical("fal"));
    }

    [Fact]
    public void Only_the_latest_25_jobs_count_so_the_time_follows_a_change()
    {
        var times = new BatchJobTimes();
        for (var i = 0; i < 25; i++)
        {
            times.Add("bfl", Seconds(2));
        }

        for (var i = 0; i < 13; i++)
        {
            times.Add("bfl", Seconds(10));
        }

        Assert.Equal(Seconds(10), times.Typical("bfl"));
    }

    [Fact]
    public void A_job_hint_moves_the_polls_to_its_own_typical_time()
    {
        var polling = new PollingOptions { MinInterval = TimeSpan.FromMilliseconds(200), MaxInterval = Seconds(1), TypicalRunTime = TimeSpan.FromMilliseconds(600) };

        // At 1.5 s into a 2 s job: the options' guess (0.6 s) is long past, so polls back off; the hint waits for 2 s.
        Assert.Equal(polling.NextInterval(Seconds(1.5), 4, null), polling.NextInterval(Seconds(1.5), 4, null, polling.TypicalRunTime));
        Assert.Equal(TimeSpan.FromMilliseconds(675), polling.NextInterval(Seconds(1.5), 4, null));
        Assert.Equal(TimeSpan.FromMilliseconds(200), polling.NextInterval(Seconds(1.5), 0, null, Seconds(2)));
        Assert.Equal(Seconds(1), polling.NextInterval(Seconds(0.1), 0, null, Seconds(17)));
    }
}

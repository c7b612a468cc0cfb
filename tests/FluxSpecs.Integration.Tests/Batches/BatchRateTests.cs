using FluxSpecs.Batches;
using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>The batch's rate and time left, on a fake clock.</summary>
public sealed class BatchRateTests
{
    private static void EndRows(BatchRate rate, FakeTimeProvider clock, int rows, TimeSpan apart)
    {
        for (var i = 0; i < rows; i++)
        {
            clock.Advance(apart);
            rate.Ended();
        }
    }

    [Fact]
    public void Before_a_row_ended_there_is_no_rate_and_no_time_left()
    {
        var clock = new FakeTimeProvider();
        var rate = new BatchRate(clock);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(rate.RowsPerMinute());
        Assert.Null(BatchRate.TimeLeft(100, rate.RowsPerMinute()));
        Assert.Equal(TimeSpan.FromSeconds(10), rate.Elapsed);
    }

    [Fact]
    public void In_the_first_minute_the_rate_is_over_the_time_since_the_start()
    {
        var clock = new FakeTimeProvider();
        var rate = new BatchRate(clock);

        // 10 rows in 30 s: 20 a minute; 90 rows left take 4.5 minutes.
        EndRows(rate, clock, 10, TimeSpan.FromSeconds(3));

        Assert.Equal(20, rate.RowsPerMinute()!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(4.5), BatchRate.TimeLeft(90, rate.RowsPerMinute()));
    }

    [Fact]
    public void Later_the_rate_is_over_the_last_minute_only()
    {
        var clock = new FakeTimeProvider();
        var rate = new BatchRate(clock);

        // A fast first minute (60 rows), then a slow one (6 rows): the rate follows the slow minute.
        EndRows(rate, clock, 60, TimeSpan.FromSeconds(1));
        EndRows(rate, clock, 6, TimeSpan.FromSeconds(10));

        Assert.Equal(6, rate.RowsPerMinute()!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(10), BatchRate.TimeLeft(60, rate.RowsPerMinute()));
    }

    [Fact]
    public void A_stalled_batch_has_a_rate_of_zero_and_no_time_left_figure()
    {
        var clock = new FakeTimeProvider();
        var rate = new BatchRate(clock);
        EndRows(rate, clock, 5, TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, rate.RowsPerMinute());
        Assert.Null(BatchRate.TimeLeft(10, rate.RowsPerMinute()));
    }

    [Fact]
    public void With_no_rows_left_the_time_left_is_zero_whatever_the_rate()
    {
        Assert.Equal(TimeSpan.Zero, BatchRate.TimeLeft(0, null));
        Assert.Equal(TimeSpan.Zero, BatchRate.TimeLeft(0, 12.5));
    }
}

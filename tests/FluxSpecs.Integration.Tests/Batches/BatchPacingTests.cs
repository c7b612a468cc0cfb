using FluxSpecs.Batches;
using FluxSpecs.Clients;
using FluxSpecs.Integration.Tests.Clients;
using FluxSpecs.Models;
using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>
/// A batch's pace against the emulator: creates per second held by a token bucket on the batch's clock, a create refused
/// with 429 waited out and sent again in the same run, and every other failed create never sent again.
/// </summary>
public sealed class BatchPacingTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("fluxspecs-pacing-");

    internal static BatchRow Row(string id, string provider = "bfl", TimeSpan? deadline = null) => new(
        id,
        "flux-2-pro",
        provider,
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["prompt"] = "a lighthouse, row " + id, ["seed"] = 7L, ["aspect_ratio"] = "custom", ["width"] = 256L, ["height"] = 256L,
        })
    { Deadline = deadline };

    private BatchOptions Options(Action<BatchOptions>? more = null, int rateLimitRetries = BatchOptions.DefaultRateLimitRetries, TimeProvider? clock = null, int? concurrency = null)
    {
        var options = new BatchOptions { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, RateLimitRetries = rateLimitRetries, TimeProvider = clock, Concurrency = concurrency };
        more?.Invoke(options);
        return options;
    }

    private async Task<BatchJournalEntry> JournalEntryAsync(string rowId)
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(_output.FullName, BatchRunner.JournalFileName));
        return (await journal.ReadAsync())[rowId];
    }

    /// <summary>Waits (a bounded real time) until <paramref name="condition"/> holds; it is not a timing assertion.</summary>
    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), what);
    }

    [Fact]
    public void Replicate_keeps_to_its_documented_creates_per_second_others_document_none_and_options_override()
    {
        using var client = new FluxSpecsClient();
        var defaults = new BatchRunner(client, Options());
        var overridden = new BatchRunner(client, Options(o => o.ProviderCreatesPerSecond["bfl"] = 0.5));
        var everyProvider = Options(o => o.ProviderCreatesPerSecond["fal"] = 7);
        var all = new BatchRunner(client, new BatchOptions { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, CreatesPerSecond = 3 });

        Assert.Equal(10, defaults.CreatesPerSecond("replicate"));
        Assert.Null(defaults.CreatesPerSecond("bfl"));
        Assert.Null(defaults.CreatesPerSecond("fal"));
        Assert.Equal(0.5, overridden.CreatesPerSecond("bfl"));
        Assert.Equal(10, overridden.CreatesPerSecond("replicate"));
        Assert.Equal(7, new BatchRunner(client, everyProvider).CreatesPerSecond("fal"));
        Assert.Equal(3, all.CreatesPerSecond("replicate"));
        Assert.Equal(3, all.CreatesPerSecond("bfl"));
    }

    [Theory]
    [InlineData(0.0, 3)]
    [InlineData(-1.0, 3)]
    [InlineData(double.NaN, 3)]
    [InlineData(2.0, -1)]
    public void Bad_pacing_options_are_refused_naming_the_option_and_value(double rate, int retries)
    {
        using var client = new FluxSpecsClient();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchRunner(client, new BatchOptions
        {
            OutputDirectory = _output.FullName, Models = ModelCatalog.Models, CreatesPerSecond = rate, RateLimitRetries = retries,
        }));

        Assert.Contains(retries < 0 ? "RateLimitRetries" : "CreatesPerSecond", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creates_beyond_the_rate_wait_for_the_batch_clock_to_refill_the_bucket()
    {
        // Only the batch's clock is fake: nothing refills the bucket until the test moves it, so the creates sent and the
        // creates held are exact counts at each step.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var runner = new BatchRunner(client, Options(o => o.ProviderCreatesPerSecond["bfl"] = 2, clock: clock, concurrency: 10));
        var run = runner.RunRowsAsync([.. Enumerable.Range(1, 6).Select(i => Row("r" + i))]);

        foreach (var (sent, held) in new[] { (2, 4), (4, 2) })
        {
            await Eventually(() => providers.Server.Jobs.TotalCreateAttempts == sent && runner.WaitingCreates("bfl") == held, $"{sent} creates sent and {held} held");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var results = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(results, r => Assert.Equal(BatchRowStatus.Succeeded, r.Status));
        Assert.Equal(6, providers.Server.Jobs.TotalCreates);
        Assert.Equal(0, runner.WaitingCreates("bfl"));
    }

    [Fact]
    public async Task A_create_refused_with_429_waits_for_retry_after_and_is_sent_again_in_the_same_run()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync("create:429;retry-after=7;times=2;provider=bfl", clock: clock);
        using var client = ClientFixture.Client(providers, clock: clock);
        var started = clock.GetUtcNow();

        var result = Assert.Single(await clock.RunAsync(() => new BatchRunner(client, Options()).RunRowsAsync([Row("a")])));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(3, providers.Server.Jobs.TotalCreateAttempts);
        var job = Assert.Single(providers.Server.Jobs.Jobs);
        Assert.True(job.CreatedAt - started >= TimeSpan.FromSeconds(14), $"the job was created {job.CreatedAt - started} after the start; two Retry-After: 7 ask for 14 s");
        var entry = await JournalEntryAsync("a");
        Assert.Equal(BatchRowStatus.Succeeded, entry.Status);
        Assert.Equal(result.JobHandle, entry.JobHandle);
    }

    [Fact]
    public async Task When_its_retries_are_used_up_a_throttled_row_fails_with_no_job_and_the_next_run_sends_it_again()
    {
        var clock = new SteppingClock();
        await using (var throttling = await EmulatedProviders.StartAsync("create:429;retry-after=2", clock: clock))
        using (var client = ClientFixture.Client(throttling, clock: clock))
        {
            var refused = Assert.Single(await clock.RunAsync(() => new BatchRunner(client, Options(rateLimitRetries: 2)).RunRowsAsync([Row("a")])));

            Assert.Equal(BatchRowStatus.Failed, refused.Status);
            Assert.Null(refused.JobHandle);
            Assert.Contains("3 times", refused.Error, StringComparison.Ordinal);

            // Each send is the batch's own: the HTTP pipeline never repeats a create.
            Assert.Equal(3, throttling.Server.Jobs.TotalCreateAttempts);
            Assert.Equal(0, throttling.Server.Jobs.TotalCreates);
            Assert.True((await JournalEntryAsync("a")).NothingCreated);
        }

        await using var working = await EmulatedProviders.StartAsync();
        using var again = ClientFixture.Client(working);
        var result = Assert.Single(await new BatchRunner(again, Options()).RunRowsAsync([Row("a")]));
        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(1, working.Server.Jobs.TotalCreates);
    }

    [Fact]
    public async Task A_batch_stopped_while_it_waits_out_a_429_leaves_the_row_nothing_created_and_the_next_run_sends_it()
    {
        await using (var throttling = await EmulatedProviders.StartAsync("create:429;retry-after=600;times=1"))
        using (var client = ClientFixture.Client(throttling))
        {
            var runner = new BatchRunner(client, Options());
            using var stop = new CancellationTokenSource();
            var run = runner.RunRowsAsync([Row("a")], cancellationToken: stop.Token);

            // The refusal is in the journal before the wait begins.
            await Eventually(() => throttling.Server.Jobs.TotalCreateAttempts == 1 && JournalEntryAsync("a").GetAwaiter().GetResult().NothingCreated, "the 429 recorded as nothing created");
            await stop.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.Equal(1, throttling.Server.Jobs.TotalCreateAttempts);
            Assert.Equal(0, throttling.Server.Jobs.TotalCreates);
        }

        await using var working = await EmulatedProviders.StartAsync();
        using var again = ClientFixture.Client(working);
        var result = Assert.Single(await new BatchRunner(again, Options()).RunRowsAsync([Row("a")]));
        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(1, working.Server.Jobs.TotalCreates);
    }

    [Theory]
    [InlineData("create:503")]
    [InlineData("create:502")]
    [InlineData("create:drop")]
    public async Task A_create_that_may_have_made_a_job_is_never_sent_again(string fault)
    {
        await using var providers = await EmulatedProviders.StartAsync(fault);
        using var client = ClientFixture.Client(providers);

        var result = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([Row("a")]));

        Assert.Equal(BatchRowStatus.Unknown, result.Status);
        Assert.Contains("may have been charged", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, providers.Server.Jobs.TotalCreateAttempts);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _output.Delete(recursive: true);
    }
}

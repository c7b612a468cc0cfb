using FluxSpecs.Batches;
using FluxSpecs.Clients;
using FluxSpecs.Integration.Tests.Clients;
using FluxSpecs.Jobs;
using FluxSpecs.Models;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>
/// Row and batch deadlines against the emulator, on a fake clock shared by the emulator, the client and the batch: a job
/// past its deadline is canceled where the provider can cancel and abandoned (handle kept) where it cannot, rows not
/// started by the batch's deadline are never created, and a Replicate create carries the deadline as <c>Cancel-After</c>.
/// </summary>
public sealed class BatchDeadlineTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("fluxspecs-deadline-");

    private BatchOptions Options(TimeSpan? deadline = null, int? concurrency = null) =>
        new() { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, Deadline = deadline, Concurrency = concurrency };

    private static FluxSpecsClient Client(EmulatedProviders providers, SteppingClock clock)
    {
        var options = ClientFixture.Options(providers, clock: clock);

        // The emulated jobs take minutes of the fake clock; the wait must outlast them.
        options.Polling.Timeout = TimeSpan.FromHours(1);
        options.Polling.MaxInterval = TimeSpan.FromSeconds(1);
        return new FluxSpecsClient(options);
    }

    private async Task<IReadOnlyDictionary<string, BatchJournalEntry>> JournalAsync()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(_output.FullName, BatchRunner.JournalFileName));
        return await journal.ReadAsync();
    }

    [Theory]
    [InlineData("core-today")]
    [InlineData("replicate")]
    public async Task A_job_past_the_rows_deadline_is_canceled_where_the_provider_can_cancel(string provider)
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync(clock: clock, runTime: TimeSpan.FromMinutes(10));
        using var client = Client(providers, clock);

        var result = Assert.Single(await clock.RunAsync(() => new BatchRunner(client, Options()).RunRowsAsync([BatchPacingTests.Row("a", provider, TimeSpan.FromSeconds(30))])));

        Assert.Equal(BatchRowStatus.Canceled, result.Status);
        Assert.Equal(BatchRowReason.Deadline, result.Reason);
        Assert.Contains("deadline", result.Error, StringComparison.Ordinal);
        Assert.NotNull(result.JobHandle);
        var job = Assert.Single(providers.Server.Jobs.Jobs);
        Assert.NotNull(job.CanceledAt);
        Assert.True(job.CanceledAt - job.CreatedAt <= TimeSpan.FromSeconds(31), $"canceled {job.CanceledAt - job.CreatedAt} after its creation; the deadline was 30 s");
        Assert.Equal(BatchRowStatus.Canceled, (await JournalAsync())["a"].Status);
        var line = File.ReadAllLines(Path.Combine(_output.FullName, BatchRunner.ResultsFileName)).Single();
        Assert.Contains("\"status\":\"canceled\"", line, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"deadline\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_past_its_deadline_on_a_provider_that_cannot_cancel_is_abandoned_and_the_next_run_collects_it()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync(clock: clock, runTime: TimeSpan.FromMinutes(2));
        using var client = Client(providers, clock);
        var row = BatchPacingTests.Row("a", "bfl", TimeSpan.FromSeconds(30));

        var abandoned = Assert.Single(await clock.RunAsync(() => new BatchRunner(client, Options()).RunRowsAsync([row])));

        Assert.Equal(BatchRowStatus.Abandoned, abandoned.Status);
        Assert.Equal(BatchRowReason.Deadline, abandoned.Reason);
        Assert.Contains("may still finish and be charged", abandoned.Error, StringComparison.Ordinal);
        var job = Assert.Single(providers.Server.Jobs.Jobs);
        Assert.Null(job.CanceledAt);
        var entry = (await JournalAsync())["a"];
        Assert.Equal(abandoned.JobHandle, entry.JobHandle);
        Assert.Null(entry.Status);

        // The next run, without a deadline, re-attaches to the same job and collects its image.
        var collected = Assert.Single(await clock.RunAsync(() => new BatchRunner(client, Options()).RunRowsAsync([row with { Deadline = null }])));

        Assert.Equal(BatchRowStatus.Succeeded, collected.Status);
        Assert.Equal(abandoned.JobHandle, collected.JobHandle);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
        Assert.True(File.Exists(Path.Combine(_output.FullName, collected.Files[0])));
    }

    [Fact]
    public async Task Rows_not_started_when_the_batch_deadline_passes_are_never_created()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync(clock: clock, runTime: TimeSpan.FromMinutes(1));
        using var client = Client(providers, clock);
        BatchRow[] rows = [BatchPacingTests.Row("first", "core-today"), BatchPacingTests.Row("second", "core-today"), BatchPacingTests.Row("third", "core-today")];

        // One job at a time, each a minute long: the first runs past the batch's 30 s, the others never get their turn.
        var results = await clock.RunAsync(() => new BatchRunner(client, Options(TimeSpan.FromSeconds(30), concurrency: 1)).RunRowsAsync(rows));

        Assert.Equal(BatchRowStatus.Canceled, results[0].Status);
        Assert.Equal(BatchRowReason.Deadline, results[0].Reason);
        Assert.All(results.Skip(1), r =>
        {
            Assert.Equal(BatchRowStatus.Skipped, r.Status);
            Assert.Equal(BatchRowReason.Deadline, r.Reason);
            Assert.Null(r.JobHandle);
        });
        Assert.Equal(1, providers.Server.Jobs.TotalCreateAttempts);
        Assert.Equal(["first"], (await JournalAsync()).Keys);
    }

    [Fact]
    public async Task A_replicate_create_carries_the_rows_deadline_as_cancel_after()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync(clock: clock, runTime: TimeSpan.FromMinutes(10));
        using var client = Client(providers, clock);

        var start = clock.GetUtcNow();
        await clock.RunAsync(() => new BatchRunner(client, Options()).RunRowsAsync([BatchPacingTests.Row("a", "replicate", TimeSpan.FromSeconds(42))]));

        // The header is what is left of the 42 s when the create goes out (whole seconds, rounded up): the stepping clock
        // may move between the row's start and its create, so it lies between 42 less that time and 42.
        var job = Assert.Single(providers.Server.Jobs.Jobs);
        var sent = int.Parse(job.Tags["cancel_after_seconds"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sent, (int)Math.Ceiling(42 - (job.CreatedAt - start).TotalSeconds), 42);
    }

    [Fact]
    public async Task The_emulator_cancels_a_replicate_prediction_by_its_cancel_after_with_nobody_else_canceling()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync(clock: clock, runTime: TimeSpan.FromMinutes(10));
        using var client = Client(providers, clock);
        var request = EmulatedProviders.MinimalRequest("flux-2-pro");

        var job = await clock.RunAsync(async () =>
        {
            var started = await client.StartAsync(request, "replicate", new JobStartOptions { CancelAfter = TimeSpan.FromSeconds(20) }, CancellationToken.None);
            await started.WaitForCompletionAsync();
            return started;
        });

        Assert.Equal(JobStatus.Canceled, job.State.Status);
        var emulated = Assert.Single(providers.Server.Jobs.Jobs);
        Assert.Equal(emulated.CreatedAt + TimeSpan.FromSeconds(20), emulated.CanceledAt);
    }

    [Theory]
    [InlineData(20.0, "20s")]
    [InlineData(90.0, "1m30s")]
    [InlineData(5400.2, "1h30m1s")]
    [InlineData(3600.0, "1h")]
    [InlineData(1.5, "5s")]
    public void Cancel_after_is_sent_in_whole_seconds_rounded_up_and_at_least_replicates_5(double seconds, string header)
    {
        using var http = new HttpClient();
        var protocol = new Providers.Replicate.ReplicateProtocol(new Providers.ProviderConnection(http, new Uri("https://replicate.invalid/"), "key"));
        using var content = new StringContent("{}");

        using var request = protocol.BuildCreateRequest(new Providers.ProviderSubmission("black-forest-labs/flux-2-pro", content) { CancelAfter = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(header, Assert.Single(request.Headers.GetValues("Cancel-After")));
    }

    [Fact]
    public async Task A_row_with_a_deadline_of_zero_is_invalid_and_sends_nothing()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var result = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([BatchPacingTests.Row("a", "bfl", TimeSpan.Zero)]));

        Assert.Equal(BatchRowStatus.Invalid, result.Status);
        Assert.Contains(result.Violations, v => v.Parameter == "deadline");
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _output.Delete(recursive: true);
    }
}

using System.Text.Json;
using FluxSpecs.Batches;
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Images;
using FluxSpecs.Models;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>The batch runner against the emulator on loopback: validation first, limits, one create per row, resume.</summary>
public sealed class BatchRunnerTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("fluxspecs-batch-");

    private static BatchRow Row(string id, string provider = "bfl", string? prompt = null, params (string Name, object? Value)[] more)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["prompt"] = prompt ?? "a lighthouse, row " + id, ["seed"] = 7L,

            // Small images: the emulator renders them quickly.
            ["aspect_ratio"] = "custom", ["width"] = 256L, ["height"] = 256L,
        };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return new BatchRow(id, "flux-2-pro", provider, parameters);
    }

    private static async Task<EmulatorServer> StartEmulatorAsync(string? faults = null, int runTimeMs = 15) =>
        await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Strict = true,
            RunTime = TimeSpan.FromMilliseconds(runTimeMs),
            Faults = faults is null ? FaultPlan.None : FaultPlan.Parse(faults),
        });

    private static FluxSpecsClient Client(EmulatorServer emulator, params string[] more)
    {
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Polling.MinInterval = TimeSpan.FromMilliseconds(10);
        options.Polling.MaxInterval = TimeSpan.FromMilliseconds(50);
        options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(50);
        foreach (var id in new[] { "bfl", "fal", "replicate" }.Concat(more))
        {
            options.Providers[id] = new ProviderOptions { ApiKey = "emulator", BaseUrl = emulator.ProviderBaseUrl(id) };
        }

        return new FluxSpecsClient(options);
    }

    private BatchOptions Options(int? concurrency = null) => new() { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, Concurrency = concurrency };

    private List<JsonElement> ResultLines() =>
        [.. File.ReadAllLines(Path.Combine(_output.FullName, BatchRunner.ResultsFileName)).Select(line => JsonDocument.Parse(line).RootElement)];

    [Fact]
    public async Task Valid_rows_run_once_each_and_an_invalid_row_lists_every_violation_and_sends_nothing()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        BatchRow[] rows =
        [
            Row("a"), Row("b", "fal"), Row("c", "replicate"),
            Row("bad", "bfl", null, ("aspect_ratio", "custom"), ("width", 1000L), ("height", 40L), ("safety_tolerance", 9L)),
        ];

        var results = await new BatchRunner(client, Options()).RunRowsAsync(rows);

        Assert.Equal(["a", "b", "c", "bad"], results.Select(r => r.Id));
        Assert.All(results.Take(3), r => Assert.Equal(BatchRowStatus.Succeeded, r.Status));
        var bad = results[3];
        Assert.Equal(BatchRowStatus.Invalid, bad.Status);
        Assert.Null(bad.JobHandle);
        Assert.Contains(bad.Violations, v => v.Parameter == "width");
        Assert.Contains(bad.Violations, v => v.Parameter == "height");
        Assert.Contains(bad.Violations, v => v.Parameter == "safety_tolerance");
        Assert.Equal(3, emulator.Jobs.TotalCreates);
        Assert.All(emulator.Jobs.CreateCounts.Values, count => Assert.Equal(1, count));
        foreach (var result in results.Take(3))
        {
            var file = Assert.Single(result.Files);
            Assert.NotNull(ImageFormats.Sniff(File.ReadAllBytes(Path.Combine(_output.FullName, file))));
            Assert.StartsWith("fluxspecs-job:" + result.ProviderId + "/", result.JobHandle, StringComparison.Ordinal);
        }

        // results.jsonl says the same, one line per row, in order.
        var lines = ResultLines();
        Assert.Equal(["a", "b", "c", "bad"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["succeeded", "succeeded", "succeeded", "invalid"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(results[0].JobHandle, lines[0].GetProperty("job").GetString());
        Assert.Equal(results[0].EstimateUsd, lines[0].GetProperty("estimate").GetDecimal());
        Assert.Equal(bad.Violations.Count, lines[3].GetProperty("violations").GetArrayLength());
    }

    [Fact]
    public async Task Running_again_skips_ended_rows_and_downloads_missing_images_from_the_same_job()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        BatchRow[] rows = [Row("a"), Row("b")];
        var first = await new BatchRunner(client, Options()).RunRowsAsync(rows);
        File.Delete(Path.Combine(_output.FullName, first[1].Files[0]));

        var second = await new BatchRunner(client, Options()).RunRowsAsync(rows);

        Assert.Equal(2, emulator.Jobs.TotalCreates);
        Assert.True(second[0].FromJournal);
        Assert.False(second[1].FromJournal);
        Assert.Equal(BatchRowStatus.Succeeded, second[1].Status);
        Assert.Equal(first[1].JobHandle, second[1].JobHandle);
        Assert.True(File.Exists(Path.Combine(_output.FullName, second[1].Files[0])));
    }

    [Fact]
    public async Task An_intent_without_a_handle_ends_unknown_and_is_never_sent_again()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        await using (var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(_output.FullName, BatchRunner.JournalFileName)))
        {
            // A run that stopped between writing the intent and recording the create's answer.
            await journal.RecordIntentAsync(new BatchJournalEntry { RowId = "a", ModelId = "flux-2-pro", ProviderId = "bfl" });
        }

        for (var run = 0; run < 2; run++)
        {
            var results = await new BatchRunner(client, Options()).RunRowsAsync([Row("a"), Row("b")]);

            Assert.Equal(BatchRowStatus.Unknown, results[0].Status);
            Assert.Contains("may have been charged", results[0].Error, StringComparison.Ordinal);
            Assert.Equal(BatchRowStatus.Succeeded, results[1].Status);
            Assert.Equal(1, emulator.Jobs.TotalCreates);
        }

        Assert.Equal("unknown", ResultLines()[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_row_with_a_recorded_handle_is_re_attached_and_waited_for_not_created_again()
    {
        await using var emulator = await StartEmulatorAsync(runTimeMs: 300);
        using var client = Client(emulator);
        var row = Row("a");
        var request = ModelCatalog.Find("flux-2-pro")!.CreateRequest();
        foreach (var (name, value) in row.Parameters)
        {
            request.SetParameter(name, value);
        }

        var job = await client.StartAsync(request, "bfl");
        await using (var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(_output.FullName, BatchRunner.JournalFileName)))
        {
            // A run that recorded the handle and stopped while the job ran.
            await journal.RecordIntentAsync(new BatchJournalEntry { RowId = "a", ModelId = "flux-2-pro", ProviderId = "bfl" });
            await journal.RecordJobAsync("a", job.Id);
        }

        var result = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([row]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(job.Id, result.JobHandle);
        Assert.Equal(1, emulator.Jobs.TotalCreates);
        Assert.True(File.Exists(Path.Combine(_output.FullName, result.Files[0])));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lumenfall_row_stopped_before_its_images_were_saved_downloads_them_from_its_handle_or_ends_unknown_without_a_second_create(bool base64)
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator, "lumenfall");
        var row = new BatchRow("a", "flux-2-pro", "lumenfall", new Dictionary<string, object?>(StringComparer.Ordinal) { ["prompt"] = "a lighthouse", ["seed"] = 3L });
        var request = ModelCatalog.Find("flux-2-pro")!.CreateRequest();
        request.SetParameter("prompt", "a lighthouse");
        if (base64)
        {
            request.SetParameter("lumenfall.response_format", "b64_json");
        }

        // Lumenfall answers the create with the images; a run that recorded the handle and stopped before saving them.
        var job = await client.StartAsync(request, "lumenfall");
        await using (var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(_output.FullName, BatchRunner.JournalFileName)))
        {
            await journal.RecordIntentAsync(new BatchJournalEntry { RowId = "a", ModelId = "flux-2-pro", ProviderId = "lumenfall" });
            await journal.RecordJobAsync("a", job.Id);
        }

        var result = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([row]));

        Assert.Equal(1, emulator.Jobs.TotalCreates);
        Assert.Equal(job.Id, result.JobHandle);
        if (base64)
        {
            // Nothing links to images that came inside the answer: the row is reported, once and for all, not created again.
            Assert.Equal(BatchRowStatus.Unknown, result.Status);
            Assert.Contains("cannot give them again", result.Error, StringComparison.Ordinal);
            var again = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([row]));
            Assert.True(again.FromJournal);
            Assert.Equal(1, emulator.Jobs.TotalCreates);
        }
        else
        {
            Assert.Equal(BatchRowStatus.Succeeded, result.Status);
            Assert.NotNull(ImageFormats.Sniff(File.ReadAllBytes(Path.Combine(_output.FullName, result.Files[0]))));
        }
    }

    [Fact]
    public async Task A_create_refused_with_429_fails_with_nothing_made_and_is_tried_again_next_run()
    {
        await using (var refusing = await StartEmulatorAsync("create:429;retry-after=1"))
        using (var client = Client(refusing))
        {
            // No retries in the run (BatchPacingTests covers them): the refusal ends the row at once.
            var noRetries = new BatchOptions { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, RateLimitRetries = 0 };
            var refused = Assert.Single(await new BatchRunner(client, noRetries).RunRowsAsync([Row("a")]));
            Assert.Equal(BatchRowStatus.Failed, refused.Status);
            Assert.Null(refused.JobHandle);
            Assert.Contains("No job was created", refused.Error, StringComparison.Ordinal);
        }

        await using var emulator = await StartEmulatorAsync();
        using var working = Client(emulator);
        var result = Assert.Single(await new BatchRunner(working, Options()).RunRowsAsync([Row("a")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(1, emulator.Jobs.TotalCreates);
    }

    [Fact]
    public async Task A_create_answered_with_a_server_error_ends_unknown_and_is_not_sent_again()
    {
        await using var emulator = await StartEmulatorAsync("create:503");
        using var client = Client(emulator);

        var first = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([Row("a")]));
        var creates = emulator.Jobs.TotalCreates;
        var second = Assert.Single(await new BatchRunner(client, Options()).RunRowsAsync([Row("a")]));

        Assert.Equal(BatchRowStatus.Unknown, first.Status);
        Assert.Equal(BatchRowStatus.Unknown, second.Status);
        Assert.True(second.FromJournal);
        Assert.Equal(creates, emulator.Jobs.TotalCreates);
    }

    [Fact]
    public async Task No_more_jobs_than_the_limit_are_active_on_a_provider()
    {
        await using var emulator = await StartEmulatorAsync(runTimeMs: 100);
        using var client = Client(emulator);
        var progress = new MaxRunning();

        var results = await new BatchRunner(client, Options(concurrency: 2)).RunRowsAsync([.. Enumerable.Range(1, 6).Select(i => Row("r" + i))], progress);

        Assert.All(results, r => Assert.Equal(BatchRowStatus.Succeeded, r.Status));
        Assert.Equal(2, progress.Max);
        Assert.Equal(6, progress.Last!.Done);
        Assert.Equal(0, progress.Last.Running);
        Assert.Equal(results.Sum(r => r.CostUsd ?? r.EstimateUsd), progress.Last.SpendUsd);
    }

    [Fact]
    public async Task Progress_reports_the_rate_and_time_left_on_the_batch_clock_and_a_resumed_run_counts_only_what_it_sent()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = new BatchOptions { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, Concurrency = 1, TimeProvider = clock };
        BatchRow[] rows = [Row("a"), Row("b"), Row("c"), Row("d"), Row("bad", "bfl", null, ("width", 1000L))];

        // Each row's start moves the batch's clock 15 s: four rows sent over one minute, the invalid one ends at once.
        var reports = new List<BatchProgress>();
        var first = await new BatchRunner(client, options).RunRowsAsync(rows, new Recorder(p =>
        {
            if (p.Row is null)
            {
                clock.Advance(TimeSpan.FromSeconds(15));
            }

            reports.Add(p);
        }));

        Assert.Equal(4, first.Count(r => r.Status == BatchRowStatus.Succeeded));
        var last = reports[^1];
        Assert.Equal(5, last.Done);
        Assert.Equal(TimeSpan.FromMinutes(1), last.Elapsed);
        Assert.Equal(4, last.RowsPerMinute!.Value, 9);
        Assert.Equal(TimeSpan.Zero, last.TimeLeft);
        var firstEnd = reports.First(p => p.Row is { Status: BatchRowStatus.Succeeded });
        Assert.Equal(60 / firstEnd.Elapsed.TotalSeconds, firstEnd.RowsPerMinute!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes((rows.Length - firstEnd.Done) / firstEnd.RowsPerMinute.Value), firstEnd.TimeLeft);

        // Resumed: every row comes from the journal, nothing is sent, so there is no rate to report.
        var resumed = new List<BatchProgress>();
        await new BatchRunner(client, options).RunRowsAsync(rows, new Recorder(resumed.Add));

        Assert.All(resumed, p => Assert.Null(p.RowsPerMinute));
        Assert.Equal(TimeSpan.Zero, resumed[^1].TimeLeft);
        Assert.Null(resumed[0].TimeLeft);
    }

    [Fact]
    public void Bfl_keeps_to_its_documented_24_active_tasks_unless_overridden()
    {
        using var client = new FluxSpecsClient();
        var defaults = new BatchRunner(client, Options());
        var overridden = new BatchOptions { OutputDirectory = _output.FullName, Models = ModelCatalog.Models, Concurrency = 3 };
        overridden.ProviderConcurrency["fal"] = 9;

        Assert.Equal(24, defaults.ConcurrencyLimit("bfl"));
        Assert.Equal(BatchOptions.DefaultConcurrency, defaults.ConcurrencyLimit("fal"));
        Assert.Equal(3, new BatchRunner(client, overridden).ConcurrencyLimit("bfl"));
        Assert.Equal(9, new BatchRunner(client, overridden).ConcurrencyLimit("fal"));
    }

    [Fact]
    public async Task Two_rows_with_one_id_are_refused_before_anything_is_sent()
    {
        using var client = new FluxSpecsClient();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => new BatchRunner(client, Options()).RunRowsAsync([Row("a"), Row("a")]));

        Assert.Contains("'a'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_row_is_read_by_its_index_twice_and_results_are_written_in_input_order_as_they_end()
    {
        await using var emulator = await StartEmulatorAsync(runTimeMs: 200);
        using var client = Client(emulator);

        // The slow row is first and the invalid one last: the invalid one ends first, yet results.jsonl keeps input order.
        var rows = new ReadCounting([Row("slow"), Row("b", "fal"), Row("bad", "bfl", null, ("width", 1000L), ("aspect_ratio", "custom"), ("height", 40L))]);

        var summary = await new BatchRunner(client, Options()).RunAsync(rows);

        Assert.Equal([2, 2, 2], rows.Reads);
        Assert.Equal(3, summary.Rows);
        Assert.Equal(2, summary.Count(BatchRowStatus.Succeeded));
        Assert.Equal(1, summary.Count(BatchRowStatus.Invalid));
        Assert.False(summary.AllSucceeded);
        Assert.Equal(Path.Combine(_output.FullName, BatchRunner.ResultsFileName), summary.ResultsPath);
        Assert.Equal(["slow", "b", "bad"], ResultLines().Select(line => line.GetProperty("id").GetString()));
        Assert.Empty(Directory.GetFiles(_output.FullName, "*.spool"));
    }

    /// <summary>A list that counts how often each row is read and cannot be enumerated (the runner reads rows by index only).</summary>
    private sealed class ReadCounting(BatchRow[] rows) : IReadOnlyList<BatchRow>
    {
        private readonly int[] _reads = new int[rows.Length];

        public int[] Reads => [.. _reads];

        public int Count => rows.Length;

        public BatchRow this[int index]
        {
            get
            {
                Interlocked.Increment(ref _reads[index]);
                return rows[index];
            }
        }

        public IEnumerator<BatchRow> GetEnumerator() => throw new InvalidOperationException("The runner enumerated the rows.");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Recorder(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }

    /// <summary>Records the most rows reported running at once (reported synchronously, under the runner's lock).</summary>
    private sealed class MaxRunning : IProgress<BatchProgress>
    {
        public int Max { get; private set; }

        public BatchProgress? Last { get; private set; }

        public void Report(BatchProgress value)
        {
            Max = Math.Max(Max, value.Running);
            Last = value;
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _output.Delete(recursive: true);
    }
}

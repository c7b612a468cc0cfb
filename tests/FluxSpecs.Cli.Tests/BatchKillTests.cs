using System.Text.Json;
using FluxSpecs.Cli.Tests.Batches;
using FluxSpecs.Emulator;
using FluxSpecs.Images;
using Microsoft.Data.Sqlite;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// <c>fluxspecs batch</c> as a real child process, killed with SIGKILL mid-way and run again over the same folder,
/// against an emulator (in this test process, so it outlives the CLI) whose jobs take a while: nothing is created
/// twice, nothing is lost, and results.jsonl says what the journal says.
/// </summary>
public sealed class BatchKillTests : IDisposable
{
    private const int Rows = 30;
    private const int Concurrency = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-batch-kill-");

    [Fact]
    public async Task A_batch_killed_mid_way_and_run_again_creates_nothing_twice_and_loses_no_image()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, RunTime = TimeSpan.FromMilliseconds(600) });
        var input = Path.Combine(_directory.FullName, "requests.jsonl");
        var output = Path.Combine(_directory.FullName, "out");
        await File.WriteAllLinesAsync(input, Enumerable.Range(1, Rows).Select(i =>
            "{\"id\": \"row-" + i + "\", \"model\": \"flux-2-pro\", \"request\": {\"prompt\": \"a lighthouse, number " + i + "\", \"seed\": " + i
            + ", \"aspect_ratio\": \"custom\", \"width\": 256, \"height\": 256}}"));
        string[] args = ["batch", "--input", input, "--out", output, "--provider", "bfl", "--concurrency", Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"];
        (string, string)[] environment = [("BFL_API_KEY", "test-key-not-a-secret"), ("FLUXSPECS_BFL_BASE_URL", emulator.ProviderBaseUrl("bfl").ToString())];

        // First run: killed (SIGKILL, no chance to clean up) once a third of the rows ended.
        var killed = await CliProcess.RunBatchAsync(args, environment, new KillPlan(Rows / 3, TimeSpan.Zero), Timeout);
        Assert.True(killed.Killed, "the first run should have been killed: " + killed.Error);
        Assert.False(File.Exists(Path.Combine(output, "results.jsonl")), "the killed run should not have finished");
        var createsBeforeResume = (await ControlAsync(emulator, "creates")).EnumerateObject().Count();
        Assert.InRange(createsBeforeResume, Rows / 3, Rows - 1);

        // The kill caught rows in flight: jobs created and recorded, not yet ended.
        var inFlight = BatchJournalFile.Read(Path.Combine(output, "journal.db")).Where(e => e.Value.Status is null && e.Value.Job is not null).ToDictionary(e => e.Key, e => e.Value.Job);
        Assert.NotEmpty(inFlight);

        // Second run over the same folder: resumes and completes.
        var resumed = await CliProcess.RunBatchAsync(args, environment, kill: null, Timeout);
        Assert.True(resumed.ExitCode is 0 or 4, $"exit {resumed.ExitCode}: {resumed.Error}");

        // Every row ends in exactly one final status.
        var results = File.ReadAllLines(Path.Combine(output, "results.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => "row-" + i), results.Select(r => r.GetProperty("id").GetString()));
        Assert.All(results, r => Assert.Contains(r.GetProperty("status").GetString(), new[] { "succeeded", "unknown" }));

        // Zero duplicate creates: each request body reached the emulator once.
        // (the emulator's control API counts creates per job key, here a hash of the provider, path and body).
        var creates = await ControlAsync(emulator, "creates");
        Assert.All(creates.EnumerateObject(), pair => Assert.Equal(1, pair.Value.GetInt32()));
        var jobs = (await ControlAsync(emulator, "jobs")).EnumerateArray().Select(job => job.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(creates.EnumerateObject().Count(), jobs.Count);

        // Zero lost images: every succeeded row has its own job and its image on disk; a job no row claims can only
        // belong to a row reported unknown (its create was in flight at the kill), never to one that was sent again.
        var succeeded = results.Where(r => r.GetProperty("status").GetString() == "succeeded").ToList();
        var unknown = results.Count - succeeded.Count;
        var claimed = succeeded.Select(r => JobId(r.GetProperty("job").GetString()!)).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Subset(jobs, claimed.ToHashSet());
        Assert.InRange(jobs.Count - claimed.Count, 0, unknown);
        Assert.InRange(unknown, 0, Concurrency);
        foreach (var row in succeeded)
        {
            var file = Assert.Single(row.GetProperty("files").EnumerateArray()).GetString()!;
            Assert.NotNull(ImageFormats.Sniff(File.ReadAllBytes(Path.Combine(output, file))));
        }

        Assert.All(results.Where(r => r.GetProperty("status").GetString() == "unknown"), r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("job").ValueKind);
            Assert.Contains("may have been charged", r.GetProperty("error").GetString(), StringComparison.Ordinal);
        });

        // Rows caught in flight were re-attached to their own jobs, not created again.
        foreach (var (id, job) in inFlight)
        {
            var row = results.Single(r => r.GetProperty("id").GetString() == id);
            Assert.Equal("succeeded", row.GetProperty("status").GetString());
            Assert.Equal(job, row.GetProperty("job").GetString());
        }

        // results.jsonl says what the journal says.
        var journal = BatchJournalFile.Read(Path.Combine(output, "journal.db"));
        Assert.Equal(Rows, journal.Count);
        foreach (var row in results)
        {
            var entry = journal[row.GetProperty("id").GetString()!];
            Assert.Equal(row.GetProperty("status").GetString(), entry.Status);
            Assert.Equal(row.GetProperty("job").ValueKind == JsonValueKind.Null ? null : row.GetProperty("job").GetString(), entry.Job);
            Assert.Equal(string.Join(",", row.GetProperty("files").EnumerateArray().Select(f => f.GetString())), string.Join(",", JsonSerializer.Deserialize<string[]>(entry.Files)!));
        }

        // A third run sends nothing at all.
        var again = await CliProcess.RunBatchAsync(args, environment, kill: null, Timeout);
        Assert.Equal(resumed.ExitCode, again.ExitCode);
        Assert.Equal(jobs.Count, (await ControlAsync(emulator, "jobs")).GetArrayLength());
        Assert.All((await ControlAsync(emulator, "creates")).EnumerateObject(), pair => Assert.Equal(1, pair.Value.GetInt32()));
    }

    /// <summary>GET /_emulator/{path}: the emulator's own API.</summary>
    private static async Task<JsonElement> ControlAsync(EmulatorServer emulator, string path)
    {
        using var http = new HttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(emulator.BaseAddress, "_emulator/" + path)));
        return document.RootElement.Clone();
    }

    private static string JobId(string handle) => FluxSpecs.Jobs.JobHandle.Parse(handle).JobId;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

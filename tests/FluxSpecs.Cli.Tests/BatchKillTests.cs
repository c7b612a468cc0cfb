using System.Diagnostics;
using System.Text;
using System.Text.Json;
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
        var killed = await RunAsync(args, environment, killAfterRows: Rows / 3);
        Assert.Null(killed.ExitCode);
        Assert.False(File.Exists(Path.Combine(output, "results.jsonl")), "the killed run should not have finished");
        var createsBeforeResume = (await ControlAsync(emulator, "creates")).EnumerateObject().Count();
        Assert.InRange(createsBeforeResume, Rows / 3, Rows - 1);

        // The kill caught rows in flight: jobs created and recorded, not yet ended.
        var inFlight = ReadJournal(Path.Combine(output, "journal.db")).Where(e => e.Value.Status is null && e.Value.Job is not null).ToDictionary(e => e.Key, e => e.Value.Job);
        Assert.NotEmpty(inFlight);

        // Second run over the same folder: resumes and completes.
        var resumed = await RunAsync(args, environment, killAfterRows: null);
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
        var journal = ReadJournal(Path.Combine(output, "journal.db"));
        Assert.Equal(Rows, journal.Count);
        foreach (var row in results)
        {
            var entry = journal[row.GetProperty("id").GetString()!];
            Assert.Equal(row.GetProperty("status").GetString(), entry.Status);
            Assert.Equal(row.GetProperty("job").ValueKind == JsonValueKind.Null ? null : row.GetProperty("job").GetString(), entry.Job);
            Assert.Equal(string.Join(",", row.GetProperty("files").EnumerateArray().Select(f => f.GetString())), string.Join(",", JsonSerializer.Deserialize<string[]>(entry.Files)!));
        }

        // A third run sends nothing at all.
        var again = await RunAsync(args, environment, killAfterRows: null);
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

    private static Dictionary<string, (string? Status, string? Job, string Files)> ReadJournal(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT row_id, status, job, files FROM batch_rows";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (string?, string?, string)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
        }

        return rows;
    }

    private sealed record Run(int? ExitCode, string Error);

    /// <summary>Runs the built CLI (copied beside the tests); with <paramref name="killAfterRows"/>, SIGKILLs it once that many rows ended.</summary>
    private static async Task<Run> RunAsync(string[] args, (string Name, string Value)[] environment, int? killAfterRows)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FluxSpecs.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = new StringBuilder();
        var ended = 0;
        var killed = false;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("{\"event\":\"row\"", StringComparison.Ordinal) == true && Interlocked.Increment(ref ended) == killAfterRows)
            {
                // Process.Kill sends SIGKILL: no handler runs, nothing is flushed or closed by the CLI.
                killed = true;
                process.Kill(entireProcessTree: true);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        Assert.Equal(killAfterRows is not null, killed);
        return new Run(killed ? null : process.ExitCode, error.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using FluxSpecs.Emulator;
using FluxSpecs.Jobs;
using FluxSpecs.Models;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>How a batch soak runs: its size, kills, fault plan, job times and limits.</summary>
/// <param name="Rows">Rows in the batch, spread evenly over every provider and, within a provider, over every shipped model it offers.</param>
/// <param name="Kills">How many runs are killed with SIGKILL before the batch is let complete.</param>
/// <param name="Faults">The emulator's fault plan (<c>--faults</c>), or null for none.</param>
/// <param name="QueueMs">The emulator's queue time per job.</param>
/// <param name="RunMs">The emulator's run time per job.</param>
/// <param name="Concurrency">The batch's <c>--concurrency</c>: jobs active at once per provider.</param>
/// <param name="Seed">The seed of the kill moments.</param>
/// <param name="CreatesPerSecond">The batch's <c>--creates-per-second</c> for every provider, or null for each provider's documented limit (Replicate 10).</param>
/// <param name="Baseline">Also run the rows through <see cref="BaselineLoop"/> first, against an emulator of their own with the same settings.</param>
internal sealed record BatchSoakSettings(int Rows, int Kills, string? Faults, int QueueMs, int RunMs, int Concurrency, int Seed, double? CreatesPerSecond = null, bool Baseline = false)
{
    /// <summary>
    /// Faults on every kind of call a batch makes: creates (429 and 503 before a job exists; a dropped connection and a
    /// cut-off answer after it does; slow answers; failed and moderated jobs), status polls, fal's status stream and
    /// result reads, and image downloads. The first rule that hits a call decides it.
    /// </summary>
    public const string EveryKindOfCall =
        "create:429;retry-after=1;every=41, create:503;every=47, create:drop;every=53, create:garbage;every=59, create:slow=300;every=17, "
        + "create:fail;every=61, create:moderate;every=67, "
        + "status:503;every=11, status:429;retry-after=1;every=19, status:drop;every=23, status:garbage;every=29, status:slow=200;every=13, "
        + "stream:503;every=7, stream:drop;every=5, stream:garbage;every=9, "
        + "result:503;every=5, result:drop;every=7, result:garbage;every=11, "
        + "download:503;every=7, download:drop;every=13, download:garbage;every=31, download:slow=200;every=9";
}

/// <summary>
/// A batch soak: <c>fluxspecs batch</c> as a child process over every provider and shipped model, against
/// <c>fluxspecs emulator</c> in another process, killed with SIGKILL at random moments and resumed until it completes,
/// then checked against the emulator's own record of its jobs and creates. <see cref="BatchSoakReport.Problems"/> lists
/// every broken rule; the test asserts it is empty.
/// </summary>
internal static class BatchSoak
{
    /// <summary>Runs after the kills that are let complete; a run leaves rows to do again only after faults that proved nothing was made, or left a job to re-attach.</summary>
    private const int MaxCompletionRuns = 8;

    private const string SoakKey = "soak-key-not-a-secret";

    /// <summary>One input row and how to find its job among the emulator's: its provider and seed.</summary>
    internal sealed record SoakRow(string Id, string ModelId, string ProviderId, long Seed, string Line, IReadOnlyDictionary<string, object?> Parameters);

    public static async Task<BatchSoakReport> RunAsync(BatchSoakSettings settings, string directory)
    {
        var input = Path.Combine(directory, "requests.jsonl");
        var output = Path.Combine(directory, "out");
        var rows = Rows(settings.Rows);
        await File.WriteAllLinesAsync(input, rows.Select(r => r.Line));

        string[] emulatorOptions =
        [
            "--strict", "--queue-time", settings.QueueMs.ToString(CultureInfo.InvariantCulture), "--run-time", settings.RunMs.ToString(CultureInfo.InvariantCulture),
            .. settings.Faults is null ? Array.Empty<string>() : ["--faults", settings.Faults],
        ];
        (TimeSpan Elapsed, TimeSpan Cpu, int Succeeded)? baseline = null;
        if (settings.Baseline)
        {
            await using var baselineEmulator = await EmulatorProcess.StartAsync(emulatorOptions);
            baseline = await BaselineLoop.RunAsync(rows, baselineEmulator, settings.Concurrency, Path.Combine(directory, "baseline"));
        }

        await using var emulator = await EmulatorProcess.StartAsync(emulatorOptions);
        var environment = ProviderEnvironment(emulator);
        string[] args =
        [
            "batch", "--input", input, "--out", output, "--concurrency", settings.Concurrency.ToString(CultureInfo.InvariantCulture), "--json",
            .. settings.CreatesPerSecond is { } rate ? ["--creates-per-second", rate.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        ];
        var timeout = TimeSpan.FromSeconds(120 + (2 * settings.Rows * (settings.QueueMs + settings.RunMs + 400) / 1000.0 / settings.Concurrency));

        var random = new Random(settings.Seed);
        var runs = new List<CliRun>();
        for (var kill = 0; kill < settings.Kills; kill++)
        {
            // Rows the journal has ended come out at once as row events; the kill falls among the rows this run works on.
            var journal = BatchJournalFile.Read(Path.Combine(output, "journal.db"));
            var settled = journal.Values.Count(e => e.Status is not null && !(e.Status == "failed" && e.Job is null));
            var open = rows.Count - settled;
            var after = settled + Math.Max(1, (int)(open * (0.05 + random.NextDouble() * 0.35)));
            var run = await CliProcess.RunBatchAsync(args, environment, new KillPlan(after, TimeSpan.FromMilliseconds(random.Next(0, 250))), timeout);
            runs.Add(run);
        }

        for (var i = 0; i < MaxCompletionRuns; i++)
        {
            var run = await CliProcess.RunBatchAsync(args, environment, kill: null, timeout);
            runs.Add(run);
            if (run.ExitCode is not (0 or 4))
            {
                break;
            }

            // Complete when no row is left to send again (refused with nothing made) or to re-attach (a job not yet read to its end).
            var journal = BatchJournalFile.Read(Path.Combine(output, "journal.db"));
            if (journal.Count == rows.Count && journal.Values.All(e => e.Status is not null && !(e.Status == "failed" && e.Job is null)))
            {
                break;
            }
        }

        var jobs = await emulator.ControlAsync("jobs");
        var creates = await emulator.ControlAsync("creates");
        var report = Check(settings, rows, output, runs, jobs, creates);
        return report with { EmulatorCpu = emulator.ProcessorTime, Baseline = baseline };
    }

    /// <summary>Every provider's key and base URL pointing at the emulator, as a user does for <c>fluxspecs emulator</c>.</summary>
    private static (string, string)[] ProviderEnvironment(EmulatorProcess emulator) =>
    [
        .. EmulatorEndpointExtensions.ProviderIdsServed.SelectMany(id => new[]
        {
            (ProviderRegistry.Get(id).KeyVariable, SoakKey),
            (ProviderRegistry.Get(id).BaseUrlVariable, emulator.ProviderBaseUrl(id).ToString()),
        }),
    ];

    /// <summary>
    /// <paramref name="count"/> rows, row i on provider i mod 7 and on that provider's models in turn, each with its own
    /// prompt and (where the provider takes one) seed, and 256×256 where the model and provider take a custom size.
    /// </summary>
    internal static List<SoakRow> Rows(int count)
    {
        var providers = EmulatorEndpointExtensions.ProviderIdsServed;
        var modelsOf = providers.ToDictionary(p => p, p => ModelCatalog.Models.Where(m => m.FindProvider(p) is not null).OrderBy(m => m.Id, StringComparer.Ordinal).ToList());
        var rows = new List<SoakRow>(count);
        for (var i = 0; i < count; i++)
        {
            var provider = providers[i % providers.Count];
            var model = modelsOf[provider][i / providers.Count % modelsOf[provider].Count];
            var id = "row-" + i.ToString("D5", CultureInfo.InvariantCulture);
            var prompt = $"soak {id}: a lighthouse at dusk";
            var seed = (long)i + 1;
            Dictionary<string, object?>[] candidates =
            [
                new() { ["prompt"] = prompt, ["seed"] = seed, ["aspect_ratio"] = "custom", ["width"] = 256L, ["height"] = 256L },
                new() { ["prompt"] = prompt, ["seed"] = seed, ["width"] = 256L, ["height"] = 256L },
                new() { ["prompt"] = prompt, ["seed"] = seed },
                new() { ["prompt"] = prompt },
            ];
            var parameters = candidates.First(c => IsValid(model, provider, c));
            var expectedSeed = parameters.ContainsKey("seed") ? seed : DerivedSeed(prompt);
            rows.Add(new SoakRow(id, model.Id, provider, expectedSeed, Line(id, model.Id, provider, parameters), parameters));
        }

        return rows;
    }

    private static bool IsValid(Catalog.ModelDescriptor model, string provider, Dictionary<string, object?> parameters)
    {
        var request = model.CreateRequest();
        try
        {
            foreach (var (name, value) in parameters)
            {
                request.SetParameter(name, value);
            }
        }
        catch (ArgumentException)
        {
            return false;
        }

        return request.Validate(provider).IsValid;
    }

    private static string Line(string id, string model, string provider, Dictionary<string, object?> parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("model", model);
            writer.WriteString("provider", provider);
            writer.WriteStartObject("request");
            foreach (var (name, value) in parameters)
            {
                switch (value)
                {
                    case long number:
                        writer.WriteNumber(name, number);
                        break;
                    default:
                        writer.WriteString(name, (string)value!);
                        break;
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The emulator's seed for a request without one (FNV-1a of the prompt, as its SettingsResolver derives it).</summary>
    private static long DerivedSeed(string prompt)
    {
        var hash = 2166136261u;
        foreach (var c in prompt)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>
    /// The pass rules: every row ends in exactly one final status; at most one job and one create per row; every succeeded
    /// row's files exist and decode; the journal agrees with results.jsonl and with the emulator (each recorded handle
    /// is a real job of its own row; each job the emulator made is a row's handle or belongs to a row reported unknown).
    /// </summary>
    private static BatchSoakReport Check(BatchSoakSettings settings, List<SoakRow> rows, string output, List<CliRun> runs, JsonElement jobs, JsonElement creates)
    {
        var problems = new List<string>();
        void Problem(string text)
        {
            if (problems.Count < 50)
            {
                problems.Add(text);
            }
        }

        var resultsPath = Path.Combine(output, "results.jsonl");
        var results = File.Exists(resultsPath) ? File.ReadAllLines(resultsPath).Select(line => JsonDocument.Parse(line).RootElement).ToList() : [];
        if (!results.Select(r => r.GetProperty("id").GetString()).SequenceEqual(rows.Select(r => r.Id)))
        {
            Problem($"results.jsonl has {results.Count} lines, not one per row in input order ({rows.Count}).");
        }

        string[] finalStatuses = ["succeeded", "failed", "moderated", "canceled", "unknown"];
        var byId = results.GroupBy(r => r.GetProperty("id").GetString()!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var result in results.Where(r => !finalStatuses.Contains(r.GetProperty("status").GetString())))
        {
            Problem($"{result.GetProperty("id")} ended '{result.GetProperty("status")}', not a final status of a sent row.");
        }

        // The emulator's jobs, each found to its row by provider and seed.
        var rowByKey = rows.ToDictionary(r => (r.ProviderId, r.Seed), r => r.Id);
        var jobRow = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobState = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in jobs.EnumerateArray())
        {
            var id = job.GetProperty("id").GetString()!;
            jobState[id] = job.GetProperty("state").GetString()!;
            if (rowByKey.TryGetValue((job.GetProperty("provider").GetString()!, job.GetProperty("seed").GetInt64()), out var row))
            {
                jobRow[id] = row;
            }
            else
            {
                Problem($"emulator job {id} ({job.GetProperty("provider")}, seed {job.GetProperty("seed")}) belongs to no row.");
            }
        }

        var jobsPerRow = jobRow.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList(), StringComparer.Ordinal);
        var duplicates = jobsPerRow.Count(p => p.Value.Count > 1) + creates.EnumerateObject().Count(p => p.Value.GetInt32() > 1);
        foreach (var (row, ids) in jobsPerRow.Where(p => p.Value.Count > 1))
        {
            Problem($"{row} has {ids.Count} jobs: {string.Join(", ", ids)} (created twice).");
        }

        foreach (var key in creates.EnumerateObject().Where(p => p.Value.GetInt32() > 1))
        {
            Problem($"one request body was created {key.Value.GetInt32()} times ({key.Name}).");
        }

        // The journal: as results.jsonl says, and each handle a real job of its own row.
        var journal = BatchJournalFile.Read(Path.Combine(output, "journal.db"));
        var journalProblems = 0;
        var handleJob = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!journal.TryGetValue(row.Id, out var entry))
            {
                journalProblems++;
                Problem($"{row.Id} is not in the journal.");
                continue;
            }

            if (byId.TryGetValue(row.Id, out var result))
            {
                var job = result.GetProperty("job").ValueKind == JsonValueKind.Null ? null : result.GetProperty("job").GetString();
                var files = string.Join(",", result.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
                if (entry.Status != result.GetProperty("status").GetString() || entry.Job != job || files != string.Join(",", JsonSerializer.Deserialize<string[]>(entry.Files)!))
                {
                    journalProblems++;
                    Problem($"{row.Id}: results.jsonl says {result.GetProperty("status")} / {job} / [{files}], the journal {entry.Status} / {entry.Job} / {entry.Files}.");
                }
            }

            if (entry.Job is { } handle)
            {
                var jobId = JobHandle.Parse(handle).JobId;
                if (row.ProviderId == "lumenfall" && jobId.StartsWith("rejected-", StringComparison.Ordinal) && entry.Status == "moderated")
                {
                    // Lumenfall refuses a moderated generation at the create (HTTP 400, no id), so the client names the
                    // ended job itself; the emulator's one job of that row must be that moderated job.
                    if (jobsPerRow.TryGetValue(row.Id, out var made) && made.Count == 1 && jobState[made[0]] == "Moderated")
                    {
                        handleJob[row.Id] = made[0];
                        continue;
                    }

                    journalProblems++;
                    Problem($"{row.Id} ended moderated on Lumenfall, but the emulator's jobs of the row are [{string.Join(", ", made ?? [])}].");
                    continue;
                }

                handleJob[row.Id] = jobId;
                if (!jobRow.TryGetValue(jobId, out var owner) || owner != row.Id)
                {
                    journalProblems++;
                    Problem($"{row.Id}'s recorded job {jobId} is {(jobRow.ContainsKey(jobId) ? "the job of " + jobRow[jobId] : "not a job the emulator made")}.");
                }
            }
        }

        var unknownWithoutHandle = 0;
        foreach (var (jobId, row) in jobRow)
        {
            if (handleJob.GetValueOrDefault(row) == jobId)
            {
                continue;
            }

            if (byId.TryGetValue(row, out var result) && result.GetProperty("status").GetString() == "unknown" && result.GetProperty("job").ValueKind == JsonValueKind.Null)
            {
                unknownWithoutHandle++;
                continue;
            }

            journalProblems++;
            Problem($"emulator job {jobId} of {row} is neither the row's recorded job nor that of a row reported unknown.");
        }

        // Zero lost images: a succeeded row's job succeeded and its files are on disk and decode.
        var lost = 0;
        foreach (var result in results.Where(r => r.GetProperty("status").GetString() == "succeeded"))
        {
            var id = result.GetProperty("id").GetString()!;
            var files = result.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
            var decoded = files.Count > 0 && files.All(file => File.Exists(Path.Combine(output, file)) && Decodes(Path.Combine(output, file)));
            var jobSucceeded = handleJob.TryGetValue(id, out var jobId) && jobState.GetValueOrDefault(jobId) == "Succeeded";
            if (!decoded || !jobSucceeded)
            {
                lost++;
                Problem($"{id} succeeded but {(decoded ? "its job is " + (jobId is null ? "unknown" : jobState.GetValueOrDefault(jobId)) : "its images [" + string.Join(", ", files) + "] are missing or do not decode")}.");
            }
        }

        foreach (var (id, jobId) in handleJob)
        {
            if (jobState.GetValueOrDefault(jobId) == "Succeeded" && byId.TryGetValue(id, out var result) && result.GetProperty("status").GetString() is not "succeeded")
            {
                lost++;
                Problem($"{id}'s job {jobId} succeeded, but the row ended {result.GetProperty("status")}: its image was lost.");
            }
        }

        var lastRun = runs.Count > 0 ? runs[^1] : null;
        if (lastRun is null || lastRun.Killed || lastRun.ExitCode is not (0 or 4))
        {
            Problem($"the last run did not complete: exit {lastRun?.ExitCode}, {lastRun?.Error}");
        }

        if (runs.Count(r => r.Killed) < settings.Kills)
        {
            Problem($"{runs.Count(r => r.Killed)} runs were killed, not {settings.Kills} (a run ended before its kill).");
        }

        var statuses = results.GroupBy(r => r.GetProperty("status").GetString()!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var providerOf = rows.ToDictionary(r => r.Id, r => r.ProviderId, StringComparer.Ordinal);

        // Each provider's slot cycle: a permit is reused when its job ended and its images were saved, so the create
        // `concurrency` places later in a provider's order comes one cycle later (queue + run time, plus the client's lag).
        var cycles = jobs.EnumerateArray()
            .GroupBy(j => j.GetProperty("provider").GetString()!)
            .ToDictionary(g => g.Key, g =>
            {
                var created = g.Select(j => DateTimeOffset.Parse(j.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture)).Order().ToList();
                var gaps = Enumerable.Range(0, Math.Max(0, created.Count - settings.Concurrency)).Select(k => (created[k + settings.Concurrency] - created[k]).TotalMilliseconds).Order().ToList();
                return gaps.Count == 0 ? 0 : Math.Round(gaps[gaps.Count / 2]);
            }, StringComparer.Ordinal);
        var notSucceeded = results.Where(r => r.GetProperty("status").GetString() != "succeeded")
            .GroupBy(r => providerOf.GetValueOrDefault(r.GetProperty("id").GetString()!) + " " + r.GetProperty("status").GetString() + ": " + Shorten(r.GetProperty("error").GetString()))
            .OrderByDescending(g => g.Count())
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new BatchSoakReport
        {
            Settings = settings,
            Runs = runs,
            Statuses = statuses,
            Jobs = jobs.GetArrayLength(),
            Duplicates = duplicates,
            Lost = lost,
            JournalProblems = journalProblems,
            UnknownRowsWithJob = unknownWithoutHandle,
            UnknownRowsWithoutJob = results.Count(r => r.GetProperty("status").GetString() == "unknown" && !jobsPerRow.ContainsKey(r.GetProperty("id").GetString()!)),
            RowsPerProvider = rows.GroupBy(r => r.ProviderId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Models = rows.Select(r => r.ModelId).Distinct().Order(StringComparer.Ordinal).ToList(),
            Problems = problems,
            NotSucceeded = notSucceeded,
            SlotCycleMs = cycles,
        };
    }

    /// <summary>An error without its ids: the part before the first digit-bearing detail, at most 100 characters.</summary>
    private static string Shorten(string? error) => error is null ? "" : error.Length <= 100 ? error : error[..100];

    private static bool Decodes(string path)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        return bitmap is { Width: > 0, Height: > 0 };
    }
}

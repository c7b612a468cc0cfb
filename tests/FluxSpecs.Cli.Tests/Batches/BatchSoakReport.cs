using System.Globalization;
using System.Text.Json;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>What a batch soak found, and the figures of its runs.</summary>
internal sealed record BatchSoakReport
{
    public required BatchSoakSettings Settings { get; init; }

    public required IReadOnlyList<CliRun> Runs { get; init; }

    public required IReadOnlyDictionary<string, int> Statuses { get; init; }

    /// <summary>Jobs the emulator made.</summary>
    public required int Jobs { get; init; }

    public required int Duplicates { get; init; }

    public required int Lost { get; init; }

    public required int JournalProblems { get; init; }

    /// <summary>Rows reported unknown (no handle) whose create did make a job: the kill or a fault came between the create and its answer.</summary>
    public required int UnknownRowsWithJob { get; init; }

    /// <summary>Rows reported unknown for which no job exists: a create answered 5xx before a job was made (the client cannot tell).</summary>
    public required int UnknownRowsWithoutJob { get; init; }

    public required IReadOnlyDictionary<string, int> RowsPerProvider { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    public TimeSpan EmulatorCpu { get; init; }

    /// <summary>The plain client loop over the same rows (<see cref="BaselineLoop"/>), when it ran.</summary>
    public (TimeSpan Elapsed, TimeSpan Cpu, int Succeeded)? Baseline { get; init; }

    /// <summary>Per provider, the median time between a create and the create <c>concurrency</c> places later: one use of a permit.</summary>
    public IReadOnlyDictionary<string, double> SlotCycleMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Rows that did not succeed, by provider, status and the start of their error.</summary>
    public IReadOnlyDictionary<string, int> NotSucceeded { get; init; } = new Dictionary<string, int>();

    /// <summary>The client's CPU time over every run, per job the emulator made.</summary>
    public double CpuMsPerJob => Jobs == 0 ? 0 : Runs.Sum(r => r.Cpu.TotalMilliseconds) / Jobs;

    /// <summary>The highest peak resident memory of any run, MiB.</summary>
    public double PeakResidentMb => Runs.Count == 0 ? 0 : Runs.Max(r => r.PeakResidentKb) / 1024.0;

    /// <summary>
    /// The shortest time the provider limits allow for the batch: each provider's rows in waves of its concurrency,
    /// each wave one queue plus run time; the batch takes as long as its slowest provider.
    /// </summary>
    public TimeSpan IdealTime => TimeSpan.FromMilliseconds(RowsPerProvider.Max(p => Math.Max(
        Math.Ceiling(p.Value / (double)Settings.Concurrency) * (Settings.QueueMs + Settings.RunMs),
        p.Value / CreatesPerSecond(p.Key) * 1000)));

    /// <summary>The creates per second the batch allowed a provider: the setting, else its documented limit.</summary>
    private double CreatesPerSecond(string providerId) =>
        Settings.CreatesPerSecond ?? (Providers.ProviderRegistry.Get(providerId).MaxCreatesPerSecond ?? double.PositiveInfinity);

    /// <summary>The runner's own time for the last run (its last row event's <c>progress.elapsed_seconds</c>), which excludes the process's start.</summary>
    public TimeSpan? LastRunElapsed => Runs.Count == 0 || Runs[^1].LastRowEvent is not { } line
        ? null
        : TimeSpan.FromSeconds(JsonDocument.Parse(line).RootElement.GetProperty("progress").GetProperty("elapsed_seconds").GetDouble());

    public string ToJson() => JsonSerializer.Serialize(new
    {
        rows = Settings.Rows,
        kills = Runs.Count(r => r.Killed),
        runs = Runs.Count,
        faults = Settings.Faults,
        queue_ms = Settings.QueueMs,
        run_ms = Settings.RunMs,
        concurrency_per_provider = Settings.Concurrency,
        seed = Settings.Seed,
        rows_per_provider = RowsPerProvider,
        models = Models,
        statuses = Statuses,
        emulator_jobs = Jobs,
        duplicates = Duplicates,
        lost = Lost,
        journal_problems = JournalProblems,
        unknown_rows_with_job = UnknownRowsWithJob,
        unknown_rows_without_job = UnknownRowsWithoutJob,
        problems = Problems,
        not_succeeded = NotSucceeded,
        slot_cycle_ms = SlotCycleMs,
        client_cpu_ms_per_job = Math.Round(CpuMsPerJob, 3),
        client_peak_rss_mb = Math.Round(PeakResidentMb, 1),
        emulator_cpu_s = Math.Round(EmulatorCpu.TotalSeconds, 1),
        ideal_s = IdealTime.TotalSeconds,
        last_run_elapsed_s = LastRunElapsed?.TotalSeconds,
        creates_per_second = Settings.CreatesPerSecond,
        throughput_ratio = LastRunElapsed is { } elapsed && Runs.Count == 1 ? Math.Round(IdealTime / elapsed, 3) : (double?)null,
        baseline_elapsed_s = Baseline?.Elapsed.TotalSeconds,
        baseline_throughput_ratio = Baseline is { } b ? Math.Round(IdealTime / b.Elapsed, 3) : (double?)null,
        batch_vs_baseline = Baseline is { } c && LastRunElapsed is { } e && Runs.Count == 1 ? Math.Round(c.Elapsed / e, 3) : (double?)null,
        baseline_cpu_ms_per_job = Baseline is { } d ? Math.Round(d.Cpu.TotalMilliseconds / Settings.Rows, 3) : (double?)null,
        baseline_succeeded = Baseline?.Succeeded,
        load_average = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        run_details = Runs.Select(r => new
        {
            killed = r.Killed,
            exit = r.ExitCode,
            row_events = r.RowEvents,
            wall_s = Math.Round(r.Wall.TotalSeconds, 2),
            cpu_s = Math.Round(r.Cpu.TotalSeconds, 2),
            peak_rss_mb = Math.Round(r.PeakResidentKb / 1024.0, 1),
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Settings.Rows} rows, {Runs.Count(r => r.Killed)} kills, {Runs.Count} runs; {string.Join(", ", Statuses.Select(s => s.Value + " " + s.Key))}; jobs {Jobs}, duplicates {Duplicates}, lost {Lost}, journal problems {JournalProblems}");
}

using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;
using FluxSpecs.Benchmarks.Images;
using FluxSpecs.Benchmarks.Jobs;

namespace FluxSpecs.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/FluxSpecs.Benchmarks</c> runs everything docs/performance.md reports:
/// the BenchmarkDotNet suite (rows 1–4), then peak memory (row 4) and jobs against the emulator (row 5).
/// Other commands: <c>bdn [BenchmarkDotNet arguments]</c> (e.g. <c>bdn --filter *Mapper* --job short</c>),
/// <c>peak-memory</c>, <c>jobs</c>, <c>pushed [jobs per cell]</c>.
/// </summary>
public static class Program
{
    /// <summary>
    /// The BenchmarkDotNet jobs of the published table, in process with one launch and 3 warm-ups: 10 measured iterations
    /// for the generator and the uploads (up to seconds per operation), 30 for the microsecond-scale mappers and validation,
    /// whose ratios need more samples on a noisy machine.
    /// </summary>
    public static readonly string[][] SuiteArguments =
    [
        ["--filter", "*GeneratorBenchmarks*", "*ReferenceImageBenchmarks*", "--inProcess", "--launchCount", "1", "--warmupCount", "3", "--iterationCount", "10"],
        ["--filter", "*MapperBenchmarks*", "*ValidationBenchmarks*", "--inProcess", "--launchCount", "1", "--warmupCount", "3", "--iterationCount", "30"],
    ];

    public static async Task<int> Main(string[] args)
    {
        var command = args.Length == 0 ? "all" : args[0];
        var rest = args.Skip(1).ToArray();
        switch (command)
        {
            case "all":
                foreach (var suite in SuiteArguments)
                {
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(suite);
                }

                await PeakMemoryAsync().ConfigureAwait(false);
                await JobsAsync().ConfigureAwait(false);
                await PushedAsync(40).ConfigureAwait(false);
                return 0;
            case "bdn":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
                return 0;
            case "peak-memory":
                await PeakMemoryAsync().ConfigureAwait(false);
                return 0;
            case "peak-memory-one":
                {
                    var images = int.Parse(rest[2], CultureInfo.InvariantCulture);
                    var mb = int.Parse(rest[3], CultureInfo.InvariantCulture);
                    var result = await PeakMemoryMeasurement.MeasureHereAsync(rest[0], rest[1], images, mb, mb * 1024 * 1024).ConfigureAwait(false);
                    Console.WriteLine(JsonSerializer.Serialize(result, PeakMemoryMeasurement.JsonOptions));
                    return 0;
                }

            case "jobs":
                await JobsAsync().ConfigureAwait(false);
                return 0;
            case "pushed":
                await PushedAsync(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 40).ConfigureAwait(false);
                return 0;
            case "emulator-host":
                return await EmulatorHost.ServeAsync(rest).ConfigureAwait(false);
            default:
                // Anything else is BenchmarkDotNet's own command line (--filter, --job, --list …).
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }

    private static async Task PeakMemoryAsync()
    {
        Console.WriteLine("# Row 4: peak managed memory and allocations, one fresh process per measurement (median of 3)");
        await PeakMemoryMeasurement.RunAllAsync(Console.Out, [1, 4, 8], repeats: 3).ConfigureAwait(false);
    }

    /// <summary>Row 5, pushed vs a fixed 500 ms poller: fal and Replicate, 5 s and 17 s jobs, all in one run.</summary>
    private static async Task PushedAsync(int jobsPerCell)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        Console.WriteLine($"# Row 5: pushed (fal's status stream, Replicate's held create) vs a fixed 500 ms poller, {jobsPerCell} jobs per cell, one run (emulator in a child process)");
        await PushedLatencyMeasurement.RunAsync(PushedLatencyMeasurement.DefaultLengths, jobsPerCell, emulatorsPerLength: 10, stagger: TimeSpan.FromMilliseconds(97), inProcessEmulator: false, Console.Out, bound.Token).ConfigureAwait(false);
    }

    private static async Task JobsAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        Console.WriteLine("# Row 5: job latency and status requests (emulator in a child process)");
        foreach (var scenario in JobLatencyMeasurement.DefaultScenarios)
        {
            await JobLatencyMeasurement.RunLatencyAsync(scenario, inProcessEmulator: false, Console.Out, bound.Token).ConfigureAwait(false);
        }

        Console.WriteLine("# Row 5: 1,000 concurrent jobs (1 s queue + 4 s run)");
        foreach (var poller in new[] { "adaptive", "fixed500" })
        {
            await JobLatencyMeasurement.RunLoadAsync(poller, 1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), inProcessEmulator: false, Console.Out, bound.Token).ConfigureAwait(false);
        }
    }
}

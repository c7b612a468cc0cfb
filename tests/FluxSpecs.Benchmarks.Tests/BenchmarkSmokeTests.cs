using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FluxSpecs.Benchmarks;
using FluxSpecs.Benchmarks.Images;
using FluxSpecs.Benchmarks.Jobs;
using Xunit.Abstractions;

namespace FluxSpecs.Benchmarks.Tests;

/// <summary>
/// The smoke run of the benchmarks: every BenchmarkDotNet benchmark once, in process, with BenchmarkDotNet's dry job and
/// the smallest value of each numeric parameter (every provider of the mapper rows), plus the custom measurements of rows
/// 4 and 5 on tiny inputs. They assert that each benchmark runs and that its baselines write what the product writes,
/// never anything about speed.
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    public static TheoryData<string> BenchmarkTypes()
    {
        var data = new TheoryData<string>();
        var types = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BenchmarkTypes))]
    public void Every_benchmark_runs_once(string typeName)
    {
        var type = typeof(Program).Assembly.GetType(typeName, throwOnError: true)!;
        var log = new AccumulationLogger();
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddLogger(log)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddFilter(new SimpleFilter(SmallestCase))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "fluxspecs-benchmark-smoke", Guid.NewGuid().ToString("N")))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);

        var summary = BenchmarkRunner.Run(type, config);

        output.WriteLine(log.GetLog());
        Assert.False(summary.HasCriticalValidationErrors, string.Join(Environment.NewLine, summary.ValidationErrors.Select(e => e.Message)));
        Assert.NotEmpty(summary.Reports);
        Assert.All(summary.Reports, report => Assert.True(report.Success, $"{report.BenchmarkCase.DisplayInfo} did not run."));
    }

    [Fact]
    public async Task The_peak_memory_measurement_runs_for_both_paths()
    {
        foreach (var (provider, images) in new[] { (ProviderIds.Bfl, 8), (ProviderIds.Magnific, 4) })
        {
            foreach (var path in new[] { "naive", "product" })
            {
                var result = await PeakMemoryMeasurement.MeasureHereAsync(provider, path, images, megabytesPerImage: 0, bytesPerImage: 16 * 1024);
                output.WriteLine(result.ToString());
                Assert.True(result.BodyBytes > images * 16 * 1024, $"{provider} {path} sent {result.BodyBytes} bytes");
                Assert.True(result.AllocatedBytes > 0);
            }
        }
    }

    [Fact]
    public async Task The_job_latency_measurement_runs_both_pollers()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var scenario = new JobLatencyMeasurement.Scenario("smoke", TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(100), 2, 2);
        var writer = new StringWriter();

        var results = await JobLatencyMeasurement.RunLatencyAsync(scenario, inProcessEmulator: true, writer, bound.Token);

        output.WriteLine(writer.ToString());
        Assert.Equal(["adaptive", "fixed500"], results.Select(r => r.Poller).Order());
        Assert.All(results, r => Assert.Equal(2, r.Jobs));
    }

    [Fact]
    public async Task The_pushed_measurement_reports_both_waiters_for_each_provider_and_length()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var writer = new StringWriter();

        var results = await PushedLatencyMeasurement.RunAsync([new("smoke", TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300))], jobsPerCell: 2, emulatorsPerLength: 2, stagger: TimeSpan.Zero, inProcessEmulator: true, writer, bound.Token);

        output.WriteLine(writer.ToString());
        Assert.Equal(
            ["fal/fixed500", "fal/pushed", "replicate/fixed500", "replicate/pushed"],
            results.Select(r => r.Provider + "/" + r.Waiter));
        Assert.All(results, r => Assert.Equal(2, r.Jobs));

        // Replicate's held create is the whole job: one request.
        Assert.Equal(1, results.Single(r => r is { Provider: "replicate", Waiter: "pushed" }).MeanRequests);
    }

    [Fact]
    public async Task The_load_measurement_completes_its_jobs_with_the_emulator_in_a_child_process()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var writer = new StringWriter();

        var result = await JobLatencyMeasurement.RunLoadAsync("adaptive", 20, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), inProcessEmulator: false, writer, bound.Token);

        output.WriteLine(writer.ToString());
        Assert.Equal(20, result.Succeeded);
    }

    /// <summary>The smallest value of each numeric parameter (1 card, 1 MB images); every value of the others (providers).</summary>
    private static bool SmallestCase(BenchmarkDotNet.Running.BenchmarkCase benchmark) =>
        benchmark.Parameters.Items.All(p => p.Value is not int value || value == p.Definition.Values.OfType<int>().Min());
}

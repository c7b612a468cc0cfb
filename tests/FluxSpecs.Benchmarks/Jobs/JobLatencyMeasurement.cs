using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluxSpecs.Clients;
using FluxSpecs.Jobs;
using FluxSpecs.Mapping;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.Benchmarks.Jobs;

/// <summary>
/// Row 5: jobs on the emulator (BFL's protocol) with simulated queue and run times.
/// <list type="bullet">
/// <item><b>Latency</b>: how long after the emulator finished a job the client returned it, and how many status requests
/// it sent, for <see cref="ImageJob.WaitForCompletionAsync"/> (adaptive polling, <see cref="PollingOptions.TypicalRunTime"/>
/// set to the scenario's nominal job time) against a fixed 500 ms poller written on the protocol directly (what the
/// official JS and Python clients do). Both run side by side, at the same time, on the same emulators. Jobs are spread
/// over several emulators whose run times step evenly across ±250 ms of the nominal time, since a fixed poller's delay
/// depends only on where in its 500 ms cycle a job ends.</item>
/// <item><b>Load</b>: N jobs started at once with adaptive polling; all must complete; client CPU per job (the emulator
/// runs in a child process, so this process's CPU time is the client's).</item>
/// </list>
/// Everything is on loopback, bounded by timeouts, and stops by itself.
/// </summary>
public static class JobLatencyMeasurement
{
    public const string Provider = ProviderIds.Bfl;

    public sealed record Scenario(string Name, TimeSpan Queue, TimeSpan Run, TimeSpan Typical, TimeSpan Spread, int Emulators, int JobsPerPoller);

    public sealed record LatencyResult(string Scenario, string Poller, int Jobs, double MedianAddedMs, double P90AddedMs, double MeanStatusRequests);

    public sealed record LoadResult(string Poller, int Jobs, int Succeeded, double WallSeconds, double ClientCpuMsPerJob, double StatusRequestsPerJob, bool EmulatorInProcess);

    public static readonly Scenario[] DefaultScenarios =
    [
        new("5.2 s job (1 s queue + 4.2 s run), typical 5.2 s, every job the same", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(4200), TimeSpan.FromMilliseconds(5200), TimeSpan.Zero, 1, 20),
        new("5 s job (1 s queue + 4 s run), typical 5 s", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500), 10, 20),
        new("17 s job (2 s queue + 15 s run), typical 17 s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(17), TimeSpan.FromMilliseconds(500), 10, 20),
        new("10 s job, typical set to 5 s (twice too short)", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500), 10, 20),
    ];

    public static async Task<LatencyResult[]> RunLatencyAsync(Scenario scenario, bool inProcessEmulator, TextWriter output, CancellationToken cancellationToken)
    {
        var runTimes = Enumerable.Range(0, scenario.Emulators)
            .Select(k => scenario.Run - scenario.Spread / 2 + (scenario.Emulators == 1 ? TimeSpan.Zero : scenario.Spread * k / (scenario.Emulators - 1)))
            .ToArray();
        await using var emulator = await EmulatorHost.StartAsync(scenario.Queue, runTimes, inProcessEmulator).ConfigureAwait(false);
        var counter = new RequestCounter();
        var clients = emulator.BaseAddresses.Select(address => CreateClient(address, scenario.Typical, counter)).ToArray();
        try
        {
            var pollingTimeout = (scenario.Queue + scenario.Run) * 3 + TimeSpan.FromSeconds(30);
            var jobs = new List<Task<(string Poller, string JobId, int Emulator, DateTimeOffset ReturnedAt)>>();
            for (var i = 0; i < scenario.JobsPerPoller; i++)
            {
                var index = i % clients.Length;
                var client = clients[index].Client;
                var request = new Flux2ProRequest { Prompt = "A lighthouse at dusk", Seed = i };
                jobs.Add(AdaptiveAsync(client, request, index, cancellationToken));
                jobs.Add(FixedAsync(client, request with { Seed = 100_000 + i }, index, pollingTimeout, cancellationToken));
            }

            var finished = await Task.WhenAll(jobs).ConfigureAwait(false);
            using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var measured = new List<(string Poller, double AddedMs, int StatusRequests)>();
            var gets = counter.Gets.ToArray();
            foreach (var (poller, jobId, index, returnedAt) in finished)
            {
                var created = await CreatedAtAsync(control, emulator.BaseAddresses[index], jobId, cancellationToken).ConfigureAwait(false);
                var completedAt = created + scenario.Queue + runTimes[index];
                measured.Add((poller, (returnedAt - completedAt).TotalMilliseconds, gets.Count(url => url.Contains(jobId, StringComparison.Ordinal))));
            }

            var results = measured.GroupBy(m => m.Poller).Select(g => new LatencyResult(
                scenario.Name,
                g.Key,
                g.Count(),
                Percentile(g.Select(m => m.AddedMs), 0.5),
                Percentile(g.Select(m => m.AddedMs), 0.9),
                g.Average(m => m.StatusRequests))).ToArray();
            foreach (var r in results)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Scenario} | {r.Poller,-8} | {r.Jobs} jobs | median added {r.MedianAddedMs,6:F0} ms | p90 {r.P90AddedMs,6:F0} ms | {r.MeanStatusRequests,5:F1} status requests/job"));
            }

            return results;
        }
        finally
        {
            foreach (var (services, _) in clients)
            {
                await services.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public static async Task<LoadResult> RunLoadAsync(string poller, int jobCount, TimeSpan queue, TimeSpan run, bool inProcessEmulator, TextWriter output, CancellationToken cancellationToken)
    {
        await using var emulator = await EmulatorHost.StartAsync(queue, [run], inProcessEmulator).ConfigureAwait(false);
        var counter = new RequestCounter();
        var (services, client) = CreateClient(emulator.BaseAddresses[0], queue + run, counter);
        await using (services.ConfigureAwait(false))
        {
            // Warm up (JIT, connection) outside the measurement.
            await AdaptiveAsync(client, new Flux2ProRequest { Prompt = "warm-up", Seed = 0 }, 0, cancellationToken).ConfigureAwait(false);
            var requestsBefore = counter.Total;
            var getsBefore = counter.Gets.Count;
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var timeout = (queue + run) * 3 + TimeSpan.FromSeconds(60);
            var jobs = Enumerable.Range(1, jobCount)
                .Select(i => new Flux2ProRequest { Prompt = "A lighthouse at dusk", Seed = i })
                .Select(request => poller == "adaptive" ? AdaptiveAsync(client, request, 0, cancellationToken) : FixedAsync(client, request, 0, timeout, cancellationToken))
                .ToArray();
            var finished = await Task.WhenAll(jobs).ConfigureAwait(false);
            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var statusRequests = counter.Gets.Count - getsBefore;
            var result = new LoadResult(poller, jobCount, finished.Length, wall.Elapsed.TotalSeconds, cpu.TotalMilliseconds / jobCount, (double)statusRequests / jobCount, inProcessEmulator);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load | {poller,-8} | {result.Succeeded}/{jobCount} jobs succeeded in {result.WallSeconds:F1} s | client CPU {result.ClientCpuMsPerJob:F2} ms/job{(inProcessEmulator ? " (emulator in process: includes its CPU)" : "")} | {result.StatusRequestsPerJob:F1} status requests/job | {counter.Total - requestsBefore} requests"));
            return result;
        }
    }

    internal static (ServiceProvider Services, FluxSpecsClient Client) CreateClient(Uri emulator, TimeSpan typical, RequestCounter counter)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFluxSpecs(options =>
        {
            options.AllowLoopbackHttp = true;
            options.Polling = new PollingOptions { TypicalRunTime = typical, Timeout = typical * 4 + TimeSpan.FromSeconds(30) };
            foreach (var id in ProviderRegistry.Ids)
            {
                options.Providers[id] = new ProviderOptions { ApiKey = "benchmark-key", BaseUrl = new Uri(emulator, id + "/") };
            }
        });
        services.AddHttpClient(FluxSpecsHttp.ClientName)
            .AddHttpMessageHandler(counter.CreateHandler)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<FluxSpecsClient>());
    }

    /// <summary>FluxSpecs' own wait: adaptive polling.</summary>
    private static async Task<(string, string, int, DateTimeOffset)> AdaptiveAsync(FluxSpecsClient client, Flux2ProRequest request, int emulator, CancellationToken cancellationToken)
    {
        var job = await client.StartAsync(request, Provider, cancellationToken).ConfigureAwait(false);
        var state = await job.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var returnedAt = DateTimeOffset.UtcNow;
        Succeeded(state);
        return ("adaptive", state.Handle.JobId, emulator, returnedAt);
    }

    /// <summary>The baseline: the protocol directly, a status request every 500 ms until the job ends.</summary>
    private static Task<(string, string, int, DateTimeOffset)> FixedAsync(FluxSpecsClient client, Flux2ProRequest request, int emulator, TimeSpan timeout, CancellationToken cancellationToken) =>
        FixedAsync(client, Provider, request, emulator, timeout, cancellationToken);

    /// <summary>The baseline on any provider: a create, then a status request every 500 ms until the job ends.</summary>
    internal static async Task<(string, string, int, DateTimeOffset)> FixedAsync(FluxSpecsClient client, string providerId, Flux2ProRequest request, int emulator, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var protocol = client.Protocol(providerId);
        var state = await protocol.SubmitAsync(request.CreatePayload(providerId).ToSubmission(), cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        while (!state.IsTerminal)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Job {state.Handle.JobId} did not end within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            state = await protocol.GetStateAsync(state.Handle, cancellationToken).ConfigureAwait(false);
        }

        var returnedAt = DateTimeOffset.UtcNow;
        Succeeded(state);
        return ("fixed500", state.Handle.JobId, emulator, returnedAt);
    }

    internal static void Succeeded(JobState state)
    {
        if (state.Status != JobStatus.Succeeded)
        {
            throw new InvalidOperationException($"Job {state.Handle.JobId} ended {state.Status} ({state.ProviderStatus}: {state.ErrorMessage}).");
        }
    }

    internal static async Task<DateTimeOffset> CreatedAtAsync(HttpClient control, Uri emulator, string jobId, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await control.GetStringAsync(new Uri(emulator, "_emulator/jobs/" + Uri.EscapeDataString(jobId)), cancellationToken).ConfigureAwait(false));
        return DateTimeOffset.Parse(document.RootElement.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    internal static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

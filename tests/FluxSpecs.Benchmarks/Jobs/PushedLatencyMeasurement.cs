using System.Globalization;
using FluxSpecs.Clients;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Jobs;

/// <summary>
/// Row 5, pushed: how long after the emulator finished a job the client returned it, and how many requests the job took,
/// for FluxSpecs' own wait (<see cref="FluxSpecsClient.GenerateAsync"/>, which ends in
/// <see cref="Jobs.ImageJob.WaitForCompletionAsync"/>: fal's status stream, Replicate's held create) against the fixed
/// 500 ms poller of <see cref="JobLatencyMeasurement"/>, on fal and Replicate, for each job length, all in one run: every
/// job of every cell runs at the same time, on emulators in one child process.
/// </summary>
/// <remarks>
/// As in the polled scenarios, each length's jobs are spread over emulators whose run times step evenly across ±250 ms of
/// the nominal time, since a fixed poller's delay depends only on where in its 500 ms cycle a job ends; starts are
/// staggered so that completions do not all land in the same millisecond. A job's end is its creation time (read from
/// the emulator's control API) plus its queue and run time; the emulator and this process share the machine's clock.
/// </remarks>
public static class PushedLatencyMeasurement
{
    public sealed record Length(string Name, TimeSpan Queue, TimeSpan Run);

    public sealed record Result(string Provider, string Length, string Waiter, int Jobs, double MedianAddedMs, double P90AddedMs, double MeanRequests);

    /// <summary>FLUX.2-length jobs: 5 s (1 s queue + 4 s run) and 17 s (2 s queue + 15 s run, seed 004's median).</summary>
    public static readonly Length[] DefaultLengths =
    [
        new("5 s", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)),
        new("17 s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15)),
    ];

    public static readonly string[] Providers = [ProviderIds.Fal, ProviderIds.Replicate];

    private const string Pushed = "pushed";

    /// <summary>
    /// A 256×256 PNG: the emulator draws and encodes an image when it is first read, which for fal is the result read
    /// that ends the wait (its answer gives the file size); the smallest image, in the cheapest format the emulator
    /// encodes, keeps that work out of the wait being measured.
    /// </summary>
    private static Flux2ProRequest SmallImage(int seed) => new()
    {
        Prompt = "A lighthouse at dusk",
        Seed = seed,
        AspectRatio = Flux2ProAspectRatio.Custom,
        Width = 256,
        Height = 256,
        OutputFormat = Flux2ProOutputFormat.Png,
    };

    public static async Task<Result[]> RunAsync(IReadOnlyList<Length> lengths, int jobsPerCell, int emulatorsPerLength, TimeSpan stagger, bool inProcessEmulator, TextWriter output, CancellationToken cancellationToken)
    {
        var spread = TimeSpan.FromMilliseconds(500);
        var runTimes = lengths.Select(length => Enumerable.Range(0, emulatorsPerLength)
            .Select(k => length.Run - spread / 2 + (emulatorsPerLength == 1 ? TimeSpan.Zero : spread * k / (emulatorsPerLength - 1)))
            .ToArray()).ToArray();
        var hosts = new List<EmulatorHost>();
        var counter = new RequestCounter();
        var clients = new List<(Microsoft.Extensions.DependencyInjection.ServiceProvider Services, FluxSpecsClient Client)>();
        try
        {
            for (var l = 0; l < lengths.Count; l++)
            {
                hosts.Add(await EmulatorHost.StartAsync(lengths[l].Queue, runTimes[l], inProcessEmulator).ConfigureAwait(false));
            }

            // One client per emulator (its base URLs point there); every request of every client is counted.
            var clientOf = hosts.Select((host, l) => host.BaseAddresses.Select(address =>
            {
                var made = JobLatencyMeasurement.CreateClient(address, lengths[l].Queue + lengths[l].Run, counter);
                clients.Add(made);
                return made.Client;
            }).ToArray()).ToArray();

            // Warm up (JIT on both sides, connections) outside the measurement: one job of each kind on each provider.
            var seed = 1_000_000;
            var warmUp = lengths[0].Queue + lengths[0].Run + TimeSpan.FromSeconds(30);
            await Task.WhenAll(Providers.SelectMany(provider => new Task[]
            {
                clientOf[0][0].GenerateAsync(SmallImage(++seed), provider, cancellationToken: cancellationToken),
                JobLatencyMeasurement.FixedAsync(clientOf[0][0], provider, SmallImage(++seed), 0, warmUp, cancellationToken),
            })).ConfigureAwait(false);

            var jobs = new List<Task<(string Provider, int Length, int Emulator, string Waiter, string JobId, DateTimeOffset ReturnedAt)>>();
            seed = 0;
            for (var l = 0; l < lengths.Count; l++)
            {
                var timeout = (lengths[l].Queue + lengths[l].Run) * 3 + TimeSpan.FromSeconds(30);
                foreach (var provider in Providers)
                {
                    for (var i = 0; i < jobsPerCell; i++)
                    {
                        var emulator = i % emulatorsPerLength;
                        var client = clientOf[l][emulator];
                        var start = stagger * i;
                        var (length, p) = (l, provider);
                        var pushedRequest = SmallImage(++seed);
                        var polledRequest = SmallImage(++seed);
                        jobs.Add(Task.Run(
                            async () =>
                            {
                                await Task.Delay(start, cancellationToken).ConfigureAwait(false);
                                var job = await client.GenerateAsync(pushedRequest, p, cancellationToken: cancellationToken).ConfigureAwait(false);
                                var returnedAt = DateTimeOffset.UtcNow;
                                JobLatencyMeasurement.Succeeded(job.State);
                                return (p, length, emulator, Pushed, job.State.Handle.JobId, returnedAt);
                            },
                            cancellationToken));
                        jobs.Add(Task.Run(
                            async () =>
                            {
                                await Task.Delay(start, cancellationToken).ConfigureAwait(false);
                                var (waiter, jobId, _, returnedAt) = await JobLatencyMeasurement.FixedAsync(client, p, polledRequest, emulator, timeout, cancellationToken).ConfigureAwait(false);
                                return (p, length, emulator, waiter, jobId, returnedAt);
                            },
                            cancellationToken));
                    }
                }
            }

            var finished = await Task.WhenAll(jobs).ConfigureAwait(false);
            using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var gets = counter.Gets.ToArray();
            var measured = new List<(string Provider, int Length, string Waiter, double AddedMs, int Requests)>();
            foreach (var (provider, length, emulator, waiter, jobId, returnedAt) in finished)
            {
                var created = await JobLatencyMeasurement.CreatedAtAsync(control, hosts[length].BaseAddresses[emulator], jobId, cancellationToken).ConfigureAwait(false);
                var completedAt = created + lengths[length].Queue + runTimes[length][emulator];

                // The create, then every read of this job (status, stream, result; retries included).
                var requests = 1 + gets.Count(url => url.Contains(jobId, StringComparison.Ordinal));
                measured.Add((provider, length, waiter, (returnedAt - completedAt).TotalMilliseconds, requests));
            }

            var results = measured
                .GroupBy(m => (m.Provider, m.Length, m.Waiter))
                .OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Length).ThenBy(g => g.Key.Waiter, StringComparer.Ordinal)
                .Select(g => new Result(
                    g.Key.Provider,
                    lengths[g.Key.Length].Name,
                    g.Key.Waiter,
                    g.Count(),
                    JobLatencyMeasurement.Percentile(g.Select(m => m.AddedMs), 0.5),
                    JobLatencyMeasurement.Percentile(g.Select(m => m.AddedMs), 0.9),
                    g.Average(m => m.Requests)))
                .ToArray();
            foreach (var r in results)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Provider,-9} | {r.Length,-5} job | {r.Waiter,-8} | {r.Jobs} jobs | median added {r.MedianAddedMs,6:F0} ms | p90 {r.P90AddedMs,6:F0} ms | {r.MeanRequests,5:F1} requests/job"));
            }

            return results;
        }
        finally
        {
            foreach (var (services, _) in clients)
            {
                await services.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var host in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

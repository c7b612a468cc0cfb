using System.Diagnostics;
using FluxSpecs.Clients;
using FluxSpecs.Models;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>
/// The baseline of the batch figures: the same rows run by a plain loop over <see cref="FluxSpecsClient"/> — per
/// provider a semaphore of the same concurrency, then create, wait, download, write the file — with the CLI's polling
/// for a provider on this machine, and no journal, no results file, no progress. What the client and the emulator
/// allow on this machine at that moment, measured in the same run as the batch.
/// </summary>
internal static class BaselineLoop
{
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu, int Succeeded)> RunAsync(IReadOnlyList<BatchSoak.SoakRow> rows, EmulatorProcess emulator, int concurrency, string directory)
    {
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Polling.MinInterval = TimeSpan.FromMilliseconds(50);
        options.Polling.MaxInterval = TimeSpan.FromSeconds(1);
        options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(600);
        foreach (var id in rows.Select(r => r.ProviderId).Distinct())
        {
            options.Providers[id] = new ProviderOptions { ApiKey = "baseline-key-not-a-secret", BaseUrl = emulator.ProviderBaseUrl(id) };
        }

        using var client = new FluxSpecsClient(options);
        var gates = rows.Select(r => r.ProviderId).Distinct().ToDictionary(id => id, _ => new SemaphoreSlim(concurrency));
        Directory.CreateDirectory(directory);
        var succeeded = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(rows.Select(async row =>
        {
            var gate = gates[row.ProviderId];
            await gate.WaitAsync();
            try
            {
                var request = ModelCatalog.Models.First(m => m.Id == row.ModelId).CreateRequest();
                foreach (var (name, value) in row.Parameters)
                {
                    request.SetParameter(name, value);
                }

                var job = await client.StartAsync(request, row.ProviderId);
                await job.WaitForCompletionAsync();
                await File.WriteAllBytesAsync(Path.Combine(directory, row.Id + ".img"), await job.DownloadAsync(0));
                Interlocked.Increment(ref succeeded);
            }
            finally
            {
                gate.Release();
            }
        }));
        var elapsed = stopwatch.Elapsed;
        return (elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, succeeded);
    }
}

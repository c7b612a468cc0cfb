using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;

namespace FluxSpecs.Benchmarks.Images;

/// <summary>
/// Row 4, peak memory: how far the managed heap grows above its settled size while one request with local reference
/// images is made and sent, and how many bytes are allocated doing it. Each measurement runs in a fresh process (pooled
/// buffers and earlier garbage would otherwise blur it), after a small warm-up send, with the heap compacted first; a
/// thread samples <see cref="GC.GetTotalMemory(bool)"/> every millisecond.
/// </summary>
public static class PeakMemoryMeasurement
{
    public sealed record Result(string Provider, string Path, int Images, int MegabytesPerImage, long BodyBytes, long PeakExtraBytes, long PeakExtraRssBytes, long AllocatedBytes);

    /// <summary>Measures every case, each in a child process running <c>peak-memory-one</c>, and prints a table.</summary>
    public static async Task<IReadOnlyList<Result>> RunAllAsync(TextWriter output, int[] megabytes, int repeats)
    {
        var cases = new List<(string Provider, int Images)> { (ProviderIds.Bfl, 8), (ProviderIds.Magnific, 4) };
        var results = new List<Result>();
        foreach (var (provider, images) in cases)
        {
            foreach (var mb in megabytes)
            {
                foreach (var path in new[] { "naive", "product" })
                {
                    var runs = new List<Result>();
                    for (var i = 0; i < repeats; i++)
                    {
                        runs.Add(await RunChildAsync(provider, path, images, mb).ConfigureAwait(false));
                    }

                    var median = runs.OrderBy(r => r.PeakExtraBytes).ElementAt(runs.Count / 2);
                    results.Add(median);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider,-9} {images} x {mb,2} MB {path,-8} body {median.BodyBytes / 1048576.0,7:F1} MB  peak extra heap {median.PeakExtraBytes / 1048576.0,7:F2} MB  peak extra RSS {median.PeakExtraRssBytes / 1048576.0,7:F1} MB  allocated {median.AllocatedBytes / 1048576.0,8:F2} MB"));
                }
            }
        }

        return results;
    }

    /// <summary>One measurement in this process; <c>peak-memory-one</c> calls it in a child.</summary>
    public static async Task<Result> MeasureHereAsync(string provider, string path, int images, int megabytesPerImage, int bytesPerImage)
    {
        await using var upload = new ReferenceUpload(provider, images, bytesPerImage);
        Func<Task> send = path == "naive" ? upload.SendNaiveAsync : upload.SendProductAsync;

        // Warm up: JIT, the connection, the serializer's metadata, with a tiny body of the same shape.
        await using (var small = new ReferenceUpload(provider, images, 1024))
        {
            await (path == "naive" ? small.SendNaiveAsync() : small.SendProductAsync()).ConfigureAwait(false);
        }

        await (path == "naive" ? upload.SendNaiveAsync() : upload.SendProductAsync()).ConfigureAwait(false);

        var received = upload.Server.BytesReceived;
        var (peak, rss, allocated) = await MeasureAsync(send).ConfigureAwait(false);
        return new Result(provider, path, images, megabytesPerImage, upload.Server.BytesReceived - received, peak, rss, allocated);
    }

    /// <summary>
    /// Peak heap growth, peak resident-set growth (Linux: the kernel's high-water mark, reset first; -1 elsewhere) and
    /// bytes allocated while <paramref name="action"/> runs.
    /// </summary>
    public static async Task<(long PeakExtra, long PeakExtraRss, long Allocated)> MeasureAsync(Func<Task> action)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var baseline = GC.GetTotalMemory(false);
        var rssBaseline = ResetRssHighWaterMark();
        var peak = baseline;
        var done = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                var now = GC.GetTotalMemory(false);
                if (now > Interlocked.Read(ref peak))
                {
                    Interlocked.Exchange(ref peak, now);
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        sampler.Start();
        await action().ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var last = GC.GetTotalMemory(false);
        Volatile.Write(ref done, true);
        sampler.Join();
        var rssPeak = Status("VmHWM:");
        return (Math.Max(Interlocked.Read(ref peak), last) - baseline, rssBaseline < 0 || rssPeak < 0 ? -1 : rssPeak - rssBaseline, allocated);
    }

    /// <summary>Resets the process's peak resident set to its current size and returns that size, or -1 when unsupported.</summary>
    private static long ResetRssHighWaterMark()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return Status("VmRSS:");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return -1;
        }
    }

    /// <summary>A size from <c>/proc/self/status</c> in bytes, or -1.</summary>
    private static long Status(string key)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static async Task<Result> RunChildAsync(string provider, string path, int images, int mb)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(PeakMemoryMeasurement).Assembly.Location);
        foreach (var argument in new[] { "peak-memory-one", provider, path, images.ToString(CultureInfo.InvariantCulture), mb.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the measurement process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        var line = (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The measurement process failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return JsonSerializer.Deserialize<Result>(line, JsonOptions) ?? throw new InvalidOperationException("No result.");
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>
/// The built CLI (copied beside the tests) run as a real child process: <c>dotnet FluxSpecs.Cli.dll …</c>. A batch run
/// can be killed with SIGKILL once it has printed a given number of <c>--json</c> row events (plus a delay, so that the
/// kill lands anywhere between two rows), and is sampled while it runs for its CPU time and peak resident memory.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IEnumerable<(string Name, string Value)> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FluxSpecs.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>
    /// Runs <c>fluxspecs</c> with <paramref name="args"/> (a batch with <c>--json</c>). With <paramref name="kill"/>, the
    /// process is killed (SIGKILL: no handler runs, nothing is flushed or closed) <see cref="KillPlan.Delay"/> after its
    /// <see cref="KillPlan.AfterRows"/>th row event, unless it ended first.
    /// </summary>
    public static async Task<CliRun> RunBatchAsync(IEnumerable<string> args, IEnumerable<(string Name, string Value)> environment, KillPlan? kill, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(args, environment)) ?? throw new InvalidOperationException("Could not start fluxspecs.");
        var error = new StringBuilder();
        var rows = 0;
        string? lastRow = null;
        var killed = 0;
        var killStarted = 0;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("{\"event\":\"row\"", StringComparison.Ordinal) != true)
            {
                return;
            }

            Volatile.Write(ref lastRow, e.Data);
            if (Interlocked.Increment(ref rows) == kill?.AfterRows && Interlocked.Exchange(ref killStarted, 1) == 0)
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(kill.Delay);
                    try
                    {
                        if (!process.HasExited)
                        {
                            Volatile.Write(ref killed, 1);
                            process.Kill(entireProcessTree: true);
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        // It ended in between.
                    }
                });
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Sampled while it runs: /proc/<pid>/status's VmHWM is the peak resident set; the CPU time of the last sample
        // before the end is its CPU time (short by at most one interval).
        var cpu = TimeSpan.Zero;
        long peakKb = 0;
        using var timeoutSource = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(timeoutSource.Token);
        while (!exited.IsCompleted)
        {
            try
            {
                process.Refresh();
                cpu = process.TotalProcessorTime;
                peakKb = Math.Max(peakKb, PeakResidentKb(process.Id));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                // It ended between two samples.
            }

            await Task.WhenAny(exited, Task.Delay(SampleInterval));
        }

        if (exited.IsCanceled || exited.IsFaulted)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fluxspecs did not end within {timeout}: {rows} row events; stderr: {error}");
        }

        process.WaitForExit();
        // A process killed by a signal reports 128 + the signal (SIGKILL: 137); one that ended just before the kill does not.
        var wasKilled = Volatile.Read(ref killed) == 1 && process.ExitCode == 137;
        return new CliRun(wasKilled ? null : process.ExitCode, wasKilled, rows, lastRow, error.ToString(), stopwatch.Elapsed, cpu, peakKb);
    }

    private static long PeakResidentKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

/// <summary>Kill the process <paramref name="Delay"/> after its <paramref name="AfterRows"/>th row event.</summary>
internal sealed record KillPlan(int AfterRows, TimeSpan Delay);

/// <summary>
/// One run of the CLI: its exit code (null when killed), its row events and the last one, its standard error, wall
/// time, CPU time and peak resident memory (VmHWM, KiB).
/// </summary>
internal sealed record CliRun(int? ExitCode, bool Killed, int RowEvents, string? LastRowEvent, string Error, TimeSpan Wall, TimeSpan Cpu, long PeakResidentKb);

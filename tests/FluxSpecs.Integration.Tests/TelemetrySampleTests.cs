using System.Diagnostics;

namespace FluxSpecs.Integration.Tests;

/// <summary>samples/Telemetry, run as a user runs it: its own process, its own emulator, OpenTelemetry's console exporter.</summary>
public sealed class TelemetrySampleTests
{
    [Fact]
    public async Task The_sample_prints_the_jobs_spans_and_the_fluxspecs_metrics_and_exits_0()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Telemetry.dll"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();

        // A bound, not a measurement: a sample that hangs fails here instead of holding the test run.
        using (var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await errors}\n{text}");
        Assert.Contains("Job Succeeded", text, StringComparison.Ordinal);
        Assert.Matches(@"Activity\.DisplayName:\s+fluxspecs\.job\.create flux-2-pro", text);
        Assert.Matches(@"Activity\.DisplayName:\s+fluxspecs\.job\.wait", text);
        foreach (var instrument in new[] { "gen_ai.client.operation.duration", "fluxspecs.jobs", "fluxspecs.job.duration", "fluxspecs.job.status_requests", "fluxspecs.http.retries", "fluxspecs.job.cost.estimated", "fluxspecs.job.cost.reported" })
        {
            Assert.Contains($"Metric Name: {instrument},", text, StringComparison.Ordinal);
        }

        Assert.Matches(@"fluxspecs\.job\.status: succeeded gen_ai\.provider\.name: bfl gen_ai\.request\.model: flux-2-pro\s+Value: 1", text);
        Assert.Matches(@"fluxspecs\.http\.operation: status gen_ai\.provider\.name: bfl\s+Value: 1", text);
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>
/// <c>fluxspecs emulator</c> as a process of its own, started with the given options on a free port, so that its jobs
/// outlive every <c>fluxspecs batch</c> process that is killed, and its CPU is not the client's. Stopped (killed: it
/// keeps nothing) when disposed.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The emulator's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts <c>fluxspecs emulator --port 0</c> followed by <paramref name="options"/> and waits for its address.</summary>
    public static async Task<EmulatorProcess> StartAsync(params string[] options)
    {
        var start = CliProcess.StartInfo(["emulator", "--port", "0", .. options], []);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start fluxspecs emulator.");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("fluxspecs emulator stopped before it listened: " + await process.StandardError.ReadToEndAsync(timeout.Token));
                const string listening = "emulator listening on ";
                if (line.StartsWith(listening, StringComparison.Ordinal))
                {
                    // Its console is not read any further: drain it so that a full pipe never blocks it.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                    _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                    return new EmulatorProcess(process, new Uri(line[listening.Length..].Trim()));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The base URL of a provider on this emulator (what <c>FLUXSPECS_&lt;ID&gt;_BASE_URL</c> is set to).</summary>
    public Uri ProviderBaseUrl(string providerId) => new(BaseAddress, providerId + "/");

    /// <summary>GET /_emulator/{path}: the emulator's own record of its jobs and creates.</summary>
    public async Task<JsonElement> ControlAsync(string path)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(BaseAddress, "_emulator/" + path)));
        return document.RootElement.Clone();
    }

    /// <summary>The emulator process's CPU time so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

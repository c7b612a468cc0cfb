using System.Diagnostics;
using System.Globalization;
using FluxSpecs.Emulator;

namespace FluxSpecs.Benchmarks.Jobs;

/// <summary>
/// Emulators with a given queue time and one run time each, either in this process or, so that this process's CPU time is
/// the client's alone, in a child process (<c>emulator-host</c>) that prints their addresses and stops when its input closes.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly IReadOnlyList<EmulatorServer> _servers;
    private readonly Process? _process;

    private EmulatorHost(IReadOnlyList<Uri> baseAddresses, IReadOnlyList<EmulatorServer> servers, Process? process)
    {
        BaseAddresses = baseAddresses;
        _servers = servers;
        _process = process;
    }

    /// <summary>One address per run time, in order.</summary>
    public IReadOnlyList<Uri> BaseAddresses { get; }

    public static async Task<EmulatorHost> StartAsync(TimeSpan queueTime, IReadOnlyList<TimeSpan> runTimes, bool inProcess)
    {
        if (inProcess)
        {
            var servers = new List<EmulatorServer>();
            foreach (var runTime in runTimes)
            {
                servers.Add(await EmulatorServer.StartAsync(Options(queueTime, runTime)).ConfigureAwait(false));
            }

            return new EmulatorHost([.. servers.Select(s => s.BaseAddress)], servers, null);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(EmulatorHost).Assembly.Location);
        start.ArgumentList.Add("emulator-host");
        start.ArgumentList.Add(((long)queueTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        foreach (var runTime in runTimes)
        {
            start.ArgumentList.Add(((long)runTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator process.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var addresses = new List<Uri>();
        while (addresses.Count < runTimes.Count)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The emulator process stopped before printing its addresses.");
            addresses.Add(new Uri(line.Trim()));
        }

        return new EmulatorHost(addresses, [], process);
    }

    /// <summary>The child's side: serve until standard input closes.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var queue = TimeSpan.FromMilliseconds(long.Parse(args[0], CultureInfo.InvariantCulture));
        var servers = new List<EmulatorServer>();
        try
        {
            foreach (var run in args.Skip(1).Select(a => TimeSpan.FromMilliseconds(long.Parse(a, CultureInfo.InvariantCulture))))
            {
                var server = await EmulatorServer.StartAsync(Options(queue, run)).ConfigureAwait(false);
                servers.Add(server);
                Console.WriteLine(server.BaseAddress);
            }

            Console.Out.Flush();
            await Console.In.ReadToEndAsync().ConfigureAwait(false);
            return 0;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static EmulatorOptions Options(TimeSpan queueTime, TimeSpan runTime) => new() { Strict = true, QueueTime = queueTime, RunTime = runTime };

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}

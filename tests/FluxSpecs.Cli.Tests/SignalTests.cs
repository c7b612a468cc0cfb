using System.Diagnostics;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// Ctrl+C reaches the commands in a real process: the CLI runs as its own process and gets a real SIGINT, which an
/// in-process test cannot send. Signals are POSIX, so on Windows these tests are skipped.
/// </summary>
public sealed class SignalTests
{
    [PosixFact]
    public async Task Ctrl_c_stops_the_emulator_command_cleanly()
    {
        using var cli = CliProcess.Start(["emulator"]);
        await cli.WaitForOutputAsync("Ctrl+C to stop.");

        var exitCode = await cli.InterruptAsync();

        Assert.Equal(0, exitCode);
    }

    [PosixFact]
    public async Task Ctrl_c_during_generate_stops_waiting_and_exits_130()
    {
        // The in-process emulator holds the create for 30 s, so the command is waiting when the signal comes.
        using var cli = CliProcess.Start(["generate", "--model", "flux-2-pro", "--prompt", "x"], ("FLUXSPECS_EMULATOR_FAULTS", "create:slow=30000"));
        await cli.WaitForOutputAsync("estimate:");

        var exitCode = await cli.InterruptAsync();

        Assert.Equal(130, exitCode);
        Assert.Contains("canceled", cli.Error, StringComparison.Ordinal);
    }

    private sealed class PosixFactAttribute : FactAttribute
    {
        public PosixFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Sends a POSIX signal (SIGINT).";
            }
        }
    }

    /// <summary>The built CLI (copied beside the tests) in a child process, its output collected as it comes.</summary>
    private sealed class CliProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _out = new();
        private readonly System.Text.StringBuilder _error = new();

        private CliProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(_out, e.Data);
            process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Error
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        public static CliProcess Start(string[] args, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FluxSpecs.Cli.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            return new CliProcess(Process.Start(start)!);
        }

        public async Task WaitForOutputAsync(string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Contains(_out, text) && !_process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(Contains(_out, text), $"the CLI never printed '{text}'; it printed: {_out} / {Error}");
        }

        /// <summary>Sends SIGINT, as Ctrl+C in a terminal does, and returns the exit code (the process must end within 20 s).</summary>
        public async Task<int> InterruptAsync()
        {
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit(); // drains the redirected streams
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private static void Append(System.Text.StringBuilder builder, string? line)
        {
            if (line is not null)
            {
                lock (builder)
                {
                    builder.AppendLine(line);
                }
            }
        }

        private static bool Contains(System.Text.StringBuilder builder, string text)
        {
            lock (builder)
            {
                return builder.ToString().Contains(text, StringComparison.Ordinal);
            }
        }
    }
}

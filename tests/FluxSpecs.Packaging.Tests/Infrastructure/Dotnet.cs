using System.Diagnostics;
using System.Text;

namespace FluxSpecs.Packaging.Tests.Infrastructure;

/// <summary>What a <c>dotnet</c> command printed and how it ended.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command and its output, for assertion messages.</summary>
    public override string ToString() => $"`{Command}` exited {ExitCode} after {Elapsed.TotalSeconds:0.0} s:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> on PATH (or another program) as a child process: no standard input, output captured, a hard time limit (the whole
/// process tree is killed past it). Build servers are off so that no process outlives the command holding its output
/// open, and variables that the test host inherited from an outer MSBuild are removed so the child starts clean.
/// </summary>
public static class Dotnet
{
    public static Task<CommandResult> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, timeout, environment, arguments);

    /// <summary>The folder of the <c>dotnet</c> on PATH, which an app host (a tool's shim) needs as <c>DOTNET_ROOT</c>.</summary>
    public static string Root()
    {
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .First(File.Exists);
        return Path.GetDirectoryName(File.ResolveLinkTarget(onPath, returnFinalTarget: true)?.FullName ?? onPath)!;
    }

    /// <summary>Runs any program the same way (<paramref name="fileName"/> is a path or a name on PATH).</summary>
    public static async Task<CommandResult> RunProgramAsync(string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = Path.GetFileName(fileName) + " " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"`{command}` did not finish within {timeout.TotalSeconds:0} s; its output so far:{Environment.NewLine}{Text(output)}");
        }

        return new CommandResult(command, process.ExitCode, Text(output), clock.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

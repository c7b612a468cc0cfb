using System.Diagnostics;
using System.Globalization;

namespace FluxSpecs.OfficialClients.Tests.Infrastructure;

/// <summary>
/// Node.js and npm as found on PATH. A machine without them, or with a Node older than 20, fails the tests with a
/// message saying how to get Node 20: these tests are part of the test command and are never skipped.
/// </summary>
internal static class Node
{
    public const int MinimumMajorVersion = 20;

    private const string HowToGetNode =
        "The official-client tests (tests/FluxSpecs.OfficialClients.Tests) drive the providers' npm clients and need Node.js " +
        "20 or later, with npm, on PATH. Install Node.js 20 from https://nodejs.org/en/download (or `nvm install 20`, or " +
        "your system's packages where they ship 20 or later), make sure `node --version` and `npm --version` work in the " +
        "shell that runs `dotnet test`, then run the tests again. README.md, \"Test\", has the details.";

    private static string SearchPath => Environment.GetEnvironmentVariable("PATH") ?? "";

    /// <summary>The <c>node</c> executable.</summary>
    public static string NodePath => FindNode(SearchPath);

    /// <summary>The <c>npm</c> executable.</summary>
    public static string NpmPath => Find(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", SearchPath)
        ?? throw new InvalidOperationException("`npm` was not found on PATH (node was). " + HowToGetNode);

    /// <summary>The <c>node</c> executable on <paramref name="searchPath"/> (a PATH value).</summary>
    public static string FindNode(string searchPath) => Find(OperatingSystem.IsWindows() ? "node.exe" : "node", searchPath)
        ?? throw new InvalidOperationException("`node` was not found on PATH. " + HowToGetNode);

    /// <summary>Fails unless <c>node</c> and <c>npm</c> run and Node is at least version 20; returns Node's version.</summary>
    public static async Task<Version> CheckAsync()
    {
        var node = NodePath;
        _ = NpmPath;
        var run = await ProcessRunner.RunAsync(node, ["--version"], workingDirectory: null, environment: null, stdin: null, TimeSpan.FromSeconds(30));
        return run.ExitCode == 0
            ? ParseVersion(run.Stdout)
            : throw new InvalidOperationException($"`{node} --version` failed (exit {run.ExitCode}: {run.Stdout}{run.Stderr}). " + HowToGetNode);
    }

    /// <summary>The version <c>node --version</c> printed (<c>v20.11.1</c>); fails when it is not one, or older than 20.</summary>
    public static Version ParseVersion(string printed)
    {
        if (!Version.TryParse(printed.Trim().TrimStart('v'), out var version))
        {
            throw new InvalidOperationException($"`node --version` printed '{printed.Trim()}', not a version. " + HowToGetNode);
        }

        return version.Major >= MinimumMajorVersion
            ? version
            : throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"`node` is Node.js {version}; {MinimumMajorVersion} or later is needed. ") + HowToGetNode);
    }

    private static string? Find(string fileName, string searchPath)
    {
        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory.Trim('"'), fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>One finished process: its exit code and everything it wrote.</summary>
internal sealed record ProcessRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a process to its end, or kills it (and its children) when it outlasts its timeout.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessRun> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        string? stdin,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s and was stopped.\n" +
                $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}

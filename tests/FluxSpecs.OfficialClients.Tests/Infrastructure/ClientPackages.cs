using System.Security.Cryptography;
using System.Text;

namespace FluxSpecs.OfficialClients.Tests.Infrastructure;

/// <summary>
/// The pinned npm clients, installed with <c>npm ci</c> from <c>clients/package-lock.json</c> into a scratch folder
/// beside the test assembly, with the client scripts copied next to them (Node resolves packages from the script's
/// folder). The install is kept for later runs while the lock file and Node's major version are unchanged.
/// </summary>
internal static class ClientPackages
{
    /// <summary>The folder (inside the install) where scripts save what they download; emptied once per run.</summary>
    public const string OutputFolder = "out";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    // One install per test run; a failure is kept too, so every class reports it without trying again.
    private static readonly Lazy<Task<string>> Installed = new(InstallOnceAsync);

    /// <summary>The folder holding <c>node_modules</c> and the scripts, installed on first use.</summary>
    public static Task<string> InstallAsync() => Installed.Value;

    private static async Task<string> InstallOnceAsync()
    {
        var nodeVersion = await Node.CheckAsync();
        var source = Path.Combine(AppContext.BaseDirectory, "clients");
        var folder = Path.Combine(AppContext.BaseDirectory, "official-clients");
        var marker = Path.Combine(folder, ".installed");
        var manifest = await File.ReadAllTextAsync(Path.Combine(source, "package.json"));
        var lockFile = await File.ReadAllTextAsync(Path.Combine(source, "package-lock.json"));
        var stamp = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{nodeVersion.Major}\n{manifest}\n{lockFile}")));

        if (!File.Exists(marker) || await File.ReadAllTextAsync(marker) != stamp || !Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), manifest);
            await File.WriteAllTextAsync(Path.Combine(folder, "package-lock.json"), lockFile);
            var run = await ProcessRunner.RunAsync(
                Node.NpmPath,
                ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                folder,
                new Dictionary<string, string?>
                {
                    ["npm_config_update_notifier"] = "false",
                    // The AI SDK packages declare node >= 22 but run on 20; a user's engine-strict must not refuse them.
                    ["npm_config_engine_strict"] = "false",
                },
                stdin: null,
                InstallTimeout);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`npm ci` of the pinned official clients failed (exit {run.ExitCode}) in {folder}. These tests install from the " +
                    "npm registry (npm's configured registry, https://registry.npmjs.org/ unless `npm config get registry` or " +
                    $"npm_config_registry says otherwise): check that it is reachable.\n{run.Stdout}\n{run.Stderr}");
            }

            await File.WriteAllTextAsync(marker, stamp);
        }

        var output = Path.Combine(folder, OutputFolder);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        foreach (var script in Directory.EnumerateFiles(source, "*.mjs"))
        {
            File.Copy(script, Path.Combine(folder, Path.GetFileName(script)), overwrite: true);
        }

        return folder;
    }
}

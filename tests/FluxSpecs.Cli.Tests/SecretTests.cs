using System.Collections.Concurrent;
using FluxSpecs.Emulator;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Models;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// No key shows in anything the CLI prints. Each provider gets its own key, which the emulator requires, and its base
/// URL variable points at the emulator, so <c>generate</c> runs the provider's real path (not <c>--emulate</c>, which
/// uses no key); each provider's first create meets a different fault, so the scan covers every typed failure too.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class SecretTests : IAsyncLifetime
{
    /// <summary>The fault on each provider's first create (or status or download call), and the exit code it gives.</summary>
    private static readonly Dictionary<string, (string Fault, int ExitCode)> FirstRunFaults = new()
    {
        [ProviderIds.Replicate] = ("create:503", 3),
        [ProviderIds.CoreToday] = ("create:fail;message=GPU fell over", 4),
        [ProviderIds.Bfl] = ("create:moderate=content", 4),
        [ProviderIds.Vtrix] = ("create:drop", 3),
        [ProviderIds.Fal] = ("status:429;retry-after=0", 0),
        [ProviderIds.Magnific] = ("create:garbage", 3),
        [ProviderIds.Lumenfall] = ("create:500", 3),
    };

    private readonly Dictionary<string, string> _keys = ProviderRegistry.Ids.ToDictionary(id => id, id => $"sk-{id}-{Guid.NewGuid():N}");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-cli-secrets-");
    private EmulatorServer? _emulator;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions
        {
            Faults = FaultPlan.Parse(string.Join(", ", FirstRunFaults.Select(f => $"{f.Value.Fault};times=1;provider={f.Key}"))),
        };
        foreach (var (provider, key) in _keys)
        {
            options.ApiKeys[provider] = key;
        }

        _emulator = await EmulatorServer.StartAsync(options);
        foreach (var provider in ProviderRegistry.Ids)
        {
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).KeyVariable, _keys[provider]);
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).BaseUrlVariable, _emulator.ProviderBaseUrl(provider).AbsoluteUri);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in ProviderRegistry.Ids)
        {
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).KeyVariable, null);
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).BaseUrlVariable, null);
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task No_key_shows_in_any_output_of_any_command_on_any_provider()
    {
        var runs = new ConcurrentBag<(string Command, Cli.Result Result)>();

        // Providers run side by side; each provider's commands run in order, so its first create meets its fault.
        await Task.WhenAll(ProviderRegistry.Ids.Select(provider => Task.Run(async () =>
        {
            async Task Run(int exitCode, params string[] args)
            {
                var result = await Cli.RunAsync(args);
                runs.Add((string.Join(' ', args), result));
                Assert.True(result.ExitCode == exitCode, $"`{string.Join(' ', args)}`: exit {result.ExitCode}, expected {exitCode}; {result.Error}");
            }

            await Run(FirstRunFaults[provider].ExitCode, Generate("flux-2-pro", provider, "faulted"));
            foreach (var model in ModelCatalog.Models.Where(m => m.FindProvider(provider) is not null))
            {
                await Run(0, Generate(model.Id, provider, "clean"));
                await Run(0, "payload", "--model", model.Id, "--provider", provider, "--set", "prompt=x");
                await Run(0, "payload", "--model", model.Id, "--provider", provider, "--set", "prompt=x", "--json");
                await Run(model.FindProvider(provider)!.Pricing is null ? 2 : 0, "price", "--model", model.Id, "--provider", provider, "--set", "prompt=x", "--json");
                await Run(2, "validate", "--model", model.Id, "--provider", provider);
            }
        })));

        // Every run printed something to scan, and every failed generate said why on standard error.
        Assert.All(runs, r => Assert.NotEmpty(r.Result.Out + r.Result.Error));
        Assert.All(runs.Where(r => r.Command.StartsWith("generate", StringComparison.Ordinal) && r.Result.ExitCode != 0), r => Assert.NotEmpty(r.Result.Error));
        Assert.Equal(ProviderRegistry.Ids.Count + (ModelCatalog.Models.Sum(m => m.Providers.Count) * 5), runs.Count);
        var leaks =
            from run in runs
            from key in _keys
            where (run.Result.Out + run.Result.Error).Contains(key.Value, StringComparison.Ordinal)
            select $"{key.Key}'s key in the output of `{run.Command}`";
        Assert.Empty(leaks);
    }

    private string[] Generate(string model, string provider, string name) =>
        ["generate", "--model", model, "--provider", provider, "--prompt", "x", "--json", "--out", Path.Combine(_directory.FullName, $"{model}-{provider}-{name}.img")];
}

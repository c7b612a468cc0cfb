using FluxSpecs.Emulator;

namespace FluxSpecs.OfficialClients.Tests.Infrastructure;

/// <summary>
/// A test class's emulators on ephemeral loopback ports, each accepting only <see cref="Key"/>, and the installed clients
/// (one install for all classes, see <see cref="ClientPackages"/>). <see cref="Quick"/> and <see cref="Slow"/> run in the
/// default (provider-like) mode: Quick finishes jobs in half a second, long enough for the clients' polling and held
/// creates to have something to wait for; Slow keeps jobs queued, for cancels. <see cref="Strict"/> is Quick in strict
/// mode. Classes run in parallel.
/// </summary>
public sealed class OfficialClientsFixture : IAsyncLifetime
{
    /// <summary>The one key every emulated provider accepts.</summary>
    public const string Key = "fluxspecs-official-clients-key";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    // Keys and endpoints the clients fall back to when an option is missing: none may leak in from the shell.
    private static readonly string[] ClientEnvironment =
    [
        "REPLICATE_API_TOKEN", "FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET", "FAL_API_KEY", "BFL_API_KEY",
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "AI_GATEWAY_API_KEY",
    ];

    private string? _folder;
    private EmulatorServer? _quick;
    private EmulatorServer? _slow;
    private EmulatorServer? _strict;

    /// <summary>The emulator whose jobs finish (queued 250 ms, then running 250 ms).</summary>
    internal EmulatorServer Quick => _quick ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The emulator whose jobs stay queued for ten minutes.</summary>
    internal EmulatorServer Slow => _slow ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary><see cref="Quick"/>, but strict: it refuses fields the provider would ignore.</summary>
    internal EmulatorServer Strict => _strict ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _folder = await ClientPackages.InstallAsync();
        _quick = await EmulatorServer.StartAsync(Options(queue: TimeSpan.FromMilliseconds(250), run: TimeSpan.FromMilliseconds(250)));
        _slow = await EmulatorServer.StartAsync(Options(queue: TimeSpan.FromMinutes(10), run: TimeSpan.FromSeconds(1)));
        var strict = Options(queue: TimeSpan.FromMilliseconds(250), run: TimeSpan.FromMilliseconds(250));
        strict.Strict = true;
        _strict = await EmulatorServer.StartAsync(strict);
    }

    public async Task DisposeAsync()
    {
        if (_quick is not null)
        {
            await _quick.DisposeAsync();
        }

        if (_slow is not null)
        {
            await _slow.DisposeAsync();
        }

        if (_strict is not null)
        {
            await _strict.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <c>node clients/{script} {scenario}</c> against <paramref name="emulator"/> (<see cref="Quick"/> unless given)
    /// and <see cref="Slow"/>, and returns what it printed. Each run gets its own folder for downloaded images.
    /// </summary>
    internal async Task<ClientOutcome> RunAsync(
        string script,
        string scenario,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null,
        EmulatorServer? emulator = null)
    {
        var folder = _folder ?? throw new InvalidOperationException("The fixture has not started.");
        var output = Path.Combine(folder, ClientPackages.OutputFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FLUXSPECS_EMULATOR"] = (emulator ?? Quick).BaseAddress.ToString(),
            ["FLUXSPECS_SLOW_EMULATOR"] = Slow.BaseAddress.ToString(),
            ["FLUXSPECS_KEY"] = Key,
            ["FLUXSPECS_OUT"] = output,
            ["NO_PROXY"] = "127.0.0.1,localhost",
            ["NODE_OPTIONS"] = null,
        };
        foreach (var name in ClientEnvironment)
        {
            variables[name] = null;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        var run = await ProcessRunner.RunAsync(Node.NodePath, [Path.Combine(folder, script), scenario], folder, variables, stdin, ScriptTimeout);
        return ClientOutcome.From(script, scenario, run);
    }

    /// <summary>The jobs <paramref name="emulator"/> has, as its control API lists them (<c>GET /_emulator/jobs</c>).</summary>
    internal static async Task<JsonArray> JobsAsync(EmulatorServer emulator)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        return JsonNode.Parse(await http.GetStringAsync("_emulator/jobs"))!.AsArray();
    }

    private static EmulatorOptions Options(TimeSpan queue, TimeSpan run)
    {
        var options = new EmulatorOptions { QueueTime = queue, RunTime = run };
        foreach (var provider in EmulatorEndpointExtensions.ProviderIdsServed)
        {
            options.ApiKeys[provider] = Key;
        }

        return options;
    }
}

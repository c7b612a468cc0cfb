using System.CommandLine;
using System.Globalization;
using FluxSpecs.Catalog;
using FluxSpecs.Emulator;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Commands;

/// <summary>
/// <c>fluxspecs emulator [--port &lt;n&gt;] [--faults &lt;spec&gt;] [--queue-time &lt;ms&gt;] [--run-time &lt;ms&gt;]
/// [--keys &lt;id&gt;=&lt;key&gt;,...] [--strict] [--models &lt;id&gt;,...]</c>: run the providers' emulator until Ctrl+C.
/// </summary>
internal static class EmulatorCommand
{
    /// <summary>The longest simulated queue or run time: a day, far beyond any provider's job.</summary>
    private const int MaxMilliseconds = 86_400_000;

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (default: a free one)." };
        var faults = new Option<string?>("--faults") { Description = "A fault plan for the run, e.g. \"status:503;every=3,create:429;retry-after=2\" (docs/providers.md)." };
        var queueTime = new Option<string?>("--queue-time") { Description = "How long each job waits in the queue, in milliseconds (default 5)." };
        var runTime = new Option<string?>("--run-time") { Description = "How long each job runs once started, in milliseconds (default 15)." };
        var keys = new Option<string?>("--keys") { Description = "The one key each listed provider accepts, as <id>=<key>,... (default: any non-empty key)." };
        var strict = new Option<bool>("--strict") { Description = "Refuse fields a provider does not know (by default they are accepted, ignored and listed, as the providers do)." };
        var models = new Option<string?>("--models") { Description = "Serve only these models, as <id>,... (default: every model in the catalog)." };
        var command = new Command("emulator", "Run the built-in emulator of every provider on 127.0.0.1 until Ctrl+C.") { port, faults, queueTime, runTime, keys, strict, models };
        command.SetAction((result, cancellationToken) => Guard.RunAsync(context, async () =>
        {
            var options = new EmulatorOptions { Port = Port(result.GetValue(port)), Strict = result.GetValue(strict), Models = context.Models };
            if (result.GetValue(faults) is { } plan)
            {
                options.Faults = CommonOptions.ParseFaults(plan, "--faults");
            }

            if (result.GetValue(queueTime) is { } queue)
            {
                options.QueueTime = Milliseconds(queue, "--queue-time");
            }

            if (result.GetValue(runTime) is { } run)
            {
                options.RunTime = Milliseconds(run, "--run-time");
            }

            if (result.GetValue(keys) is { } keyList)
            {
                foreach (var (provider, key) in Keys(keyList))
                {
                    options.ApiKeys[provider] = key;
                }
            }

            if (result.GetValue(models) is { } modelList)
            {
                options.Models = Models(context, modelList);
            }

            await using var server = await EmulatorServer.StartAsync(options, cancellationToken);
            context.Out.WriteLine($"emulator listening on {server.BaseAddress}");
            foreach (var id in EmulatorEndpointExtensions.ProviderIdsServed)
            {
                context.Out.WriteLine($"  {id,-11} {server.ProviderBaseUrl(id)}   (set {ProviderRegistry.Get(id).BaseUrlVariable} to this)");
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"models: {string.Join(", ", options.Models.Select(m => m.Id))}; jobs queue {options.QueueTime.TotalMilliseconds} ms, run {options.RunTime.TotalMilliseconds} ms"));
            context.Out.WriteLine(options.Strict
                ? "strict: fields a provider does not know are refused"
                : "fields a provider does not know are ignored and listed in X-Emulator-Ignored-Fields (--strict refuses them)");

            // The keys themselves are secrets: only which providers are limited is printed.
            if (options.ApiKeys.Count > 0)
            {
                context.Out.WriteLine($"keys: {string.Join(", ", options.ApiKeys.Keys.Order(StringComparer.Ordinal))} accept only the given key; the others any non-empty key");
            }

            context.Out.WriteLine("Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static int Port(int port) => port is >= 0 and <= 65535
        ? port
        : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--port: {port} is not a port; give 0 (a free one) to 65535."));

    private static TimeSpan Milliseconds(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxMilliseconds
            ? TimeSpan.FromMilliseconds(ms)
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: '{text}' is not a time in milliseconds; give a whole number from 0 to {MaxMilliseconds} (e.g. {option} 500)."));

    /// <summary><c>id=key,...</c>: each id a provider the emulator serves, once, with a non-empty key.</summary>
    private static IEnumerable<(string Provider, string Key)> Keys(string text)
    {
        var served = EmulatorEndpointExtensions.ProviderIdsServed;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = text.Split(',');
        for (var i = 0; i < items.Length; i++)
        {
            // An item without '=' may be a bare key: it is never echoed.
            var equals = items[i].IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--keys: item {i + 1} has no '='; write each as <id>=<key>, separated by commas (e.g. --keys bfl=my-key,fal=other-key)."));
            }

            var provider = items[i][..equals].Trim();
            var key = items[i][(equals + 1)..].Trim();
            if (key.Length == 0)
            {
                throw new UsageException($"--keys: '{provider}' has an empty key; a key must not be empty.");
            }

            if (!served.Contains(provider, StringComparer.Ordinal))
            {
                throw new UsageException($"--keys: '{provider}' is not a provider the emulator serves; give one of {string.Join(", ", served)}.");
            }

            if (!seen.Add(provider))
            {
                throw new UsageException($"--keys: '{provider}' is given twice; give each provider one key.");
            }

            yield return (provider, key);
        }
    }

    /// <summary><c>id,...</c>: models of the catalog, each once.</summary>
    private static List<ModelDescriptor> Models(CliContext context, string text)
    {
        var selected = new List<ModelDescriptor>();
        foreach (var id in text.Split(',').Select(id => id.Trim()))
        {
            var model = context.Models.FirstOrDefault(m => m.Id == id)
                ?? throw new UsageException($"--models: '{id}' is not a model of the catalog; give one or more of {string.Join(", ", context.Models.Select(m => m.Id))}, separated by commas.");
            if (selected.Contains(model))
            {
                throw new UsageException($"--models: '{id}' is given twice.");
            }

            selected.Add(model);
        }

        return selected;
    }
}

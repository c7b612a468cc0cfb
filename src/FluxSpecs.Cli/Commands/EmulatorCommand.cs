using System.CommandLine;
using FluxSpecs.Emulator;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Commands;

/// <summary><c>fluxspecs emulator [--port &lt;n&gt;] [--faults &lt;spec&gt;]</c>: run the providers' emulator until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (default: a free one)." };
        var faults = new Option<string?>("--faults") { Description = "A fault plan for the run, e.g. \"status:503;every=3,create:429;retry-after=2\" (docs/providers.md)." };
        var command = new Command("emulator", "Run the built-in emulator of every provider on 127.0.0.1 until Ctrl+C.") { port, faults };
        command.SetAction((result, cancellationToken) => Guard.RunAsync(context, async () =>
        {
            var options = new EmulatorOptions { Port = result.GetValue(port), Models = context.Models };
            if (result.GetValue(faults) is { } plan)
            {
                options.Faults = CommonOptions.ParseFaults(plan, "--faults");
            }

            await using var server = await EmulatorServer.StartAsync(options, cancellationToken);
            context.Out.WriteLine($"emulator listening on {server.BaseAddress}");
            foreach (var id in EmulatorEndpointExtensions.ProviderIdsServed)
            {
                context.Out.WriteLine($"  {id,-11} {server.ProviderBaseUrl(id)}   (set {ProviderRegistry.Get(id).BaseUrlVariable} to this)");
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
}

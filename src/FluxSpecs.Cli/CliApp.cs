using System.CommandLine;
using FluxSpecs.Catalog;
using FluxSpecs.Cli.Commands;

namespace FluxSpecs.Cli;

/// <summary>The <c>fluxspecs</c> command tree, runnable in process (tests) or from <see cref="Program"/>.</summary>
internal static class CliApp
{
    public static RootCommand Create(CliContext context) => new("FluxSpecs: image models on many providers, from declarative model cards.")
    {
        ModelsCommand.Create(context),
        DescribeCommand.Create(context),
        ValidateCommand.Create(context),
        PayloadCommand.Create(context),
        PriceCommand.Create(context),
        GenerateCommand.Create(context),
        EmulatorCommand.Create(context),
        BatchCommand.Create(context),
    };

    /// <summary>Runs the CLI with the given streams and catalog; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, IReadOnlyList<ModelDescriptor> models, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, input, models);
        var parse = Create(context).Parse(args);
        // Signals are Program's (it cancels cancellationToken), not System.CommandLine's: that way a command always
        // finishes — cancels the remote job, says so, returns its exit code — before the process ends.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var code = await parse.InvokeAsync(configuration, cancellationToken);

        // The parser reports usage errors with 1; the contract says 2.
        return parse.Errors.Count > 0 ? ExitCodes.InvalidRequestOrUsage : code;
    }
}

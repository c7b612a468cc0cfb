using FluxSpecs.Catalog;
using FluxSpecs.Models;

namespace FluxSpecs.Cli.Tests;

/// <summary>Runs the real command tree in process, as a user's shell would, capturing both streams.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(ModelCatalog.Models, "", args);

    public static async Task<Result> RunAsync(IReadOnlyList<ModelDescriptor> models, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, new StringReader(stdin), models);
        return new Result(code, output.ToString(), error.ToString());
    }
}

using FluxSpecs.Errors;
using FluxSpecs.Providers;
using FluxSpecs.Validation;

namespace FluxSpecs.Cli.Commands;

/// <summary>Runs a command and turns its failures into the contract's exit codes, with the error on standard error.</summary>
internal static class Guard
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception e) when (ExitCodeOf(e) is { } code)
        {
            context.Error.WriteLine(code == ExitCodes.Canceled ? "canceled" : "error: " + context.Secrets.ErrorMessage(e));
            return code;
        }
    }

    /// <summary>The contract's exit code for a failure the CLI explains; null for a bug, which keeps its stack trace.</summary>
    private static int? ExitCodeOf(Exception e) => e switch
    {
        UsageException or RequestValidationException or NotSupportedException => ExitCodes.InvalidRequestOrUsage,
        JobEndedException => ExitCodes.JobFailedOrModerated,
        ProviderException or DownloadException or ReferenceImageException or JobTimeoutException or HttpRequestException => ExitCodes.ProviderOrNetworkFailure,

        // This machine refused: a path that cannot be written, a port already in use.
        IOException or UnauthorizedAccessException => ExitCodes.InvalidRequestOrUsage,
        OperationCanceledException => ExitCodes.Canceled,
        _ => null,
    };
}

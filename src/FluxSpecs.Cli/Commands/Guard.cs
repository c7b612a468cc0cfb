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
        catch (UsageException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidRequestOrUsage;
        }
        catch (RequestValidationException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidRequestOrUsage;
        }
        catch (NotSupportedException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidRequestOrUsage;
        }
        catch (JobEndedException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.JobFailedOrModerated;
        }
        catch (Exception e) when (e is ProviderException or DownloadException or ReferenceImageException or JobTimeoutException or HttpRequestException)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.ProviderOrNetworkFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // This machine refused: a path that cannot be written, a port already in use.
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidRequestOrUsage;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("canceled");
            return ExitCodes.Canceled;
        }
    }
}

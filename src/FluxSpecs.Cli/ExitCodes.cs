namespace FluxSpecs.Cli;

/// <summary>The CLI's exit codes (the design's contract).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidRequestOrUsage = 2;
    public const int ProviderOrNetworkFailure = 3;
    public const int JobFailedOrModerated = 4;

    /// <summary>Stopped by Ctrl+C (or SIGTERM): 128 + SIGINT, as shells report it.</summary>
    public const int Canceled = 130;
}

using Microsoft.Extensions.Logging;

namespace FluxSpecs.Clients;

/// <summary>
/// Every log message FluxSpecs writes. None takes a header, a body or a full URL with its query, so no key or secret can
/// reach a log: requests are logged by provider, operation, method and path.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "{Provider} {Operation}: {Method} {Path}")]
    public static partial void Sending(ILogger logger, string provider, string operation, string method, string? path);

    [LoggerMessage(2, LogLevel.Debug, "{Provider} {Operation}: HTTP {Status}")]
    public static partial void Received(ILogger logger, string provider, string operation, int status);

    [LoggerMessage(3, LogLevel.Warning, "Retrying a read (attempt {Attempt}) after HTTP {Status} {Exception}, in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, int? status, string? exception, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "{Provider} job {JobId} for {Model} created: {Status}")]
    public static partial void Created(ILogger logger, string provider, string jobId, string model, string status);

    [LoggerMessage(5, LogLevel.Information, "{Provider} job {JobId}: {Status} ({ProviderStatus})")]
    public static partial void StatusChanged(ILogger logger, string provider, string jobId, Jobs.JobStatus status, string providerStatus);

    [LoggerMessage(6, LogLevel.Information, "{Provider} job {JobId}: cancel requested")]
    public static partial void Canceling(ILogger logger, string provider, string jobId);

    [LoggerMessage(7, LogLevel.Warning, "{Provider} job {JobId}: unreadable status answer {Count}, polling again ({Reason})")]
    public static partial void UnreadableStatus(ILogger logger, string provider, string jobId, int count, string? reason);

    [LoggerMessage(8, LogLevel.Debug, "Download redirected to {Path}")]
    public static partial void Redirected(ILogger logger, string? path);

    [LoggerMessage(9, LogLevel.Debug, "Downloaded {Image} ({Bytes} bytes) to send to {Provider}")]
    public static partial void ReferenceImageFetched(ILogger logger, string image, string provider, int bytes);

    [LoggerMessage(10, LogLevel.Warning, "{Provider} {Model}: {Failed} of {Jobs} creates of an image group failed; the others stand and none is re-sent")]
    public static partial void GroupCreatesFailed(ILogger logger, string provider, string model, int failed, int jobs);
}

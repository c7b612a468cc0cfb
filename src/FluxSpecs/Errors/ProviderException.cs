using FluxSpecs.Jobs;
using System.Net;

using FluxSpecs.Providers;

namespace FluxSpecs.Errors;

/// <summary>
/// A provider refused or failed a request. Carries the provider's own status, code and message, and whether a paid job
/// may exist because of it.
/// </summary>
public class ProviderException : FluxSpecsException
{
    /// <summary>Creates the exception; the message is built from the parts and never contains a key.</summary>
    public ProviderException(
        string providerId,
        string operation,
        HttpStatusCode? statusCode,
        string? providerCode,
        string? providerMessage,
        bool jobMayExist,
        Exception? inner = null,
        TimeSpan? retryAfter = null)
        : base(Describe(providerId, operation, statusCode, providerCode, providerMessage, jobMayExist), inner)
    {
        RetryAfter = retryAfter;
        ProviderId = providerId;
        Operation = operation;
        StatusCode = statusCode;
        ProviderCode = providerCode;
        ProviderMessage = providerMessage;
        JobMayExist = jobMayExist;
    }

    /// <summary>The provider id.</summary>
    public string ProviderId { get; }

    /// <summary>What was attempted: <c>create</c>, <c>status</c>, <c>result</c>, <c>cancel</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's error code, when it gave one.</summary>
    public string? ProviderCode { get; }

    /// <summary>The provider's error message, when it gave one.</summary>
    public string? ProviderMessage { get; }

    /// <inheritdoc />
    public override bool MayHaveCharged => JobMayExist;

    /// <summary>How long the provider asked to wait before trying again (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// True when a create request failed in a way that leaves open whether the provider accepted it (a dropped
    /// connection, a timeout, a 5xx): a job may exist and may be billed. A 4xx answer means no job was made.
    /// </summary>
    public bool JobMayExist { get; }

    /// <summary>
    /// The saved id (<see cref="Jobs.ImageJob.Id"/>) of the job a status, result or cancel call was about, when the
    /// failure came from waiting on or cancelling a job: re-attach with <see cref="Clients.FluxSpecsClient.Attach"/> to
    /// go on once the provider answers again. Null for a create, whose job id is unknown.
    /// </summary>
    public string? JobId { get; private set; }

    /// <summary>
    /// True when the provider answered with success but its answer could not be read: not JSON, cut off, or of the
    /// wrong shape (a 200 from a proxy's error page, a truncated body).
    /// </summary>
    public bool IsUnreadableAnswer => StatusCode is { } status && (int)status is >= 200 and < 300;

    /// <summary>Names the job the failed call was about; false, for use in an exception filter that lets it pass.</summary>
    internal bool ForJob(string jobId)
    {
        JobId ??= jobId;
        return false;
    }

    private static string Describe(string providerId, string operation, HttpStatusCode? statusCode, string? code, string? message, bool jobMayExist)
    {
        var status = statusCode is { } s ? $"HTTP {(int)s}" : "no response";
        message = message?.TrimEnd().TrimEnd('.');
        var detail = (code, message) switch
        {
            (null, null) => "",
            (null, _) => $": {message}",
            (_, null) => $": {code}",
            _ => $": {code}: {message}",
        };
        var consequence = operation == "create"
            ? (jobMayExist ? " A job may have been created (and billed); check with the provider before sending again." : " No job was created.")
            : "";
        return $"{providerId} {operation} failed ({status}){detail}.{consequence}";
    }
}

using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.CoreToday;

/// <summary>
/// core.today predictions (seeds 000/001): <c>POST /v1/predictions</c> with <c>{model, input}</c> returns a
/// <c>job_id</c>; <c>GET /v1/predictions/{job_id}</c>; <c>DELETE /v1/predictions/{job_id}</c> cancels.
/// </summary>
/// <remarks>
/// core.today documents two shapes: llms.txt's <c>job_id</c> with pending/processing/completed/failed/cancelled, and
/// the API reference's <c>id</c> with succeeded and <c>output[]</c>. Both are read.
/// </remarks>
public sealed class CoreTodayProtocol(ProviderConnection connection) : IProviderProtocol
{
    /// <inheritdoc />
    public string ProviderId => CoreTodayProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => CoreTodayProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        submission.RejectWebhookUrl(ProviderId, "set the request's CoreToday options (Webhook, WebhookEvents)");
        var request = Authorized(HttpMethod.Post, connection.Url("v1/predictions"), submission.Content);
        return request;
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body, operation: ProviderHttp.Create));
    }

    /// <inheritdoc />
    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var request = Authorized(HttpMethod.Get, connection.Url("v1/predictions/" + Uri.EscapeDataString(handle.JobId)));
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Status, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body, ProviderHttp.Status));
    }

    /// <inheritdoc />
    public async Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var request = Authorized(HttpMethod.Delete, connection.Url("v1/predictions/" + Uri.EscapeDataString(handle.JobId)));
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Cancel, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r => r.Body.String("status") is null
            ? new JobState { Handle = handle, Status = JobStatus.Canceled, ProviderStatus = "cancelled" }
            : Parse(r.Body, ProviderHttp.Cancel));
    }

    /// <summary>A job object (an API answer or a webhook body) as a job state.</summary>
    /// <summary>A webhook delivers the job.</summary>
    internal static JobState? ReadWebhook(JsonElement body, DateTimeOffset now) =>
        body.String("job_id") is not null || body.String("id") is not null ? Parse(body, "webhook") : null;

    internal static JobState Parse(JsonElement body, string operation)
    {
        var id = body.String("job_id") ?? body.String("id")
            ?? throw new MalformedAnswerException("the answer has no job_id");
        var status = body.String("status") ?? "pending";
        var succeeded = status is "completed" or "succeeded";
        var (code, message) = body.Property("error") is { } error ? ProviderErrors.ReadError(error) : (null, null);
        return new JobState
        {
            Handle = new JobHandle(CoreTodayProvider.Id, id),
            Status = status switch
            {
                "pending" or "starting" => JobStatus.Queued,
                "processing" => JobStatus.Running,
                "completed" or "succeeded" => JobStatus.Succeeded,
                "failed" => Moderation.FailedOrModerated(code, message),
                "cancelled" or "canceled" => JobStatus.Canceled,
                _ => JobStatus.Running,
            },
            ProviderStatus = status,
            ErrorCode = code,
            ErrorMessage = message,
            Outputs = succeeded ? ResultUrls(body).Select(url => JobOutput.FromUrl(url)).ToList() : [],
        };
    }

    /// <summary>"Result contains output URL(s)": a string, a list, or an object with <c>output</c>; or a top-level <c>output</c>.</summary>
    private static IEnumerable<Uri> ResultUrls(JsonElement body)
    {
        var result = body.Property("result");
        var fromResult = result is { ValueKind: JsonValueKind.Object } nested ? Json.Urls(nested.Property("output")) : Json.Urls(result);
        return fromResult.Concat(Json.Urls(body.Property("output"))).Distinct();
    }

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null) =>
        connection.Request(CoreTodayProvider.Definition.Auth, method, url, content);
}

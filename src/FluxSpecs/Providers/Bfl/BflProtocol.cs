using System.Globalization;
using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.Bfl;

/// <summary>
/// Black Forest Labs: <c>POST /v1/{endpoint}</c> returns an id, a <c>polling_url</c> and the cost in credits; the job is
/// polled at exactly that URL (it may point at another host). BFL has no cancel. Result URLs expire after 10 minutes.
/// </summary>
public sealed class BflProtocol(ProviderConnection connection) : IProviderProtocol
{
    internal const string PollingUrl = "polling_url";

    /// <summary>BFL's signed result URLs expire after 10 minutes: download soon after the job is ready.</summary>
    private static readonly TimeSpan ResultLifetime = TimeSpan.FromMinutes(10);
    private const string Cost = "cost";

    /// <inheritdoc />
    public string ProviderId => BflProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => BflProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        submission.RejectWebhookUrl(ProviderId, "set the request's Bfl options (WebhookUrl, WebhookSecret)");
        var request = Authorized(HttpMethod.Post, connection.Url("v1/" + submission.ModelId), submission.Content);
        return request;
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r =>
        {
            var body = r.Body;
            var id = body.String("id") ?? throw new MalformedAnswerException("the answer has no id");
            var links = new Dictionary<string, string>();

            // A polling URL the key may not travel to (plain http to another host) is dropped: polls then use get_result.
            if (connection.TrustedLink(body.String(PollingUrl)) is { } polling)
            {
                links[PollingUrl] = polling.AbsoluteUri;
            }

            if (body.Decimal(Cost) is { } cost)
            {
                links[Cost] = cost.ToString(CultureInfo.InvariantCulture);
            }

            var handle = new JobHandle(ProviderId, id, links);
            return new JobState { Handle = handle, Status = JobStatus.Queued, ProviderStatus = "Pending", ActualCost = CostOf(handle) };
        });
    }

    /// <inheritdoc />
    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        // Always the polling_url BFL handed out; rebuilding it from the id could hit the wrong region.
        var url = connection.TrustedLink(handle.Link(PollingUrl)) ?? connection.Url("v1/get_result?id=" + Uri.EscapeDataString(handle.JobId));
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Status, connection, Authorized(HttpMethod.Get, url), cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(handle, r.Body, DateTimeOffset.UtcNow));
    }

    /// <summary>A <c>get_result</c> object (a poll answer or a webhook body) as a job state; <paramref name="now"/> dates the result URLs' expiry.</summary>
    /// <summary>A webhook delivers the <c>get_result</c> object, with <c>id</c> or <c>task_id</c>.</summary>
    internal static JobState? ReadWebhook(JsonElement body, DateTimeOffset now) =>
        (body.String("id") ?? body.String("task_id")) is { } id ? Parse(new JobHandle(BflProvider.Id, id), body, now) : null;

    internal static JobState Parse(JobHandle handle, JsonElement body, DateTimeOffset now)
    {
        var status = body.String("status") ?? "Pending";
        var progress = body.Decimal("progress");
        return new JobState
        {
            Handle = handle,
            Status = status switch
            {
                "Ready" => JobStatus.Succeeded,
                "Pending" => progress > 0 ? JobStatus.Running : JobStatus.Queued,
                "Request Moderated" or "Content Moderated" => JobStatus.Moderated,
                "Error" or "Failed" or "Task not found" => JobStatus.Failed,
                _ => JobStatus.Running,
            },
            ProviderStatus = status,
            ErrorCode = status is "Error" or "Failed" or "Task not found" or "Request Moderated" or "Content Moderated" ? status : null,
            ErrorMessage = body.String("details") ?? body.Property("details")?.String("error") ?? body.String("error"),
            Progress = progress is { } p ? (double)p : null,
            Outputs = status == "Ready"
                ? Json.Urls(body.Property("result")?.Property("sample")).Select(u => JobOutput.FromUrl(u) with { ExpiresAt = now + ResultLifetime }).ToList()
                : [],

            // BFL does not charge moderated requests.
            ActualCost = status is "Request Moderated" or "Content Moderated" ? new JobCost(0, "credits") : CostOf(handle),
        };
    }

    /// <inheritdoc />
    public Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Black Forest Labs' API has no way to cancel a job; stop waiting with the CancellationToken instead.");

    private static JobCost? CostOf(JobHandle handle) =>
        handle.Link(Cost) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var credits) ? new JobCost(credits, "credits") : null;

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null) =>
        connection.Request(BflProvider.Definition.Auth, method, url, content);
}

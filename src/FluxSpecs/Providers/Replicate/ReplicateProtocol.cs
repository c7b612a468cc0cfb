using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.Replicate;

/// <summary>
/// Replicate's predictions API: create by model (<c>POST /v1/models/{owner}/{name}/predictions</c>, optionally holding
/// the request open with <c>Prefer: wait</c>), <c>GET /v1/predictions/{id}</c>, <c>POST /v1/predictions/{id}/cancel</c>.
/// </summary>
public sealed partial class ReplicateProtocol(ProviderConnection connection) : IProviderProtocol
{
    /// <summary>Replicate holds a create open for at most 60 seconds.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>The header that sets a prediction's deadline, counted from its creation (replicate.com/changelog/2025-10-16-prediction-deadlines).</summary>
    internal const string CancelAfterHeader = "Cancel-After";

    /// <summary>Replicate refuses a <c>Cancel-After</c> shorter than 5 seconds (its create API reference).</summary>
    internal static readonly TimeSpan MinCancelAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A deadline as <c>Cancel-After</c> takes it: whole seconds with Replicate's unit suffixes (<c>90s</c>, <c>1h30m</c>),
    /// rounded up, and at least <see cref="MinCancelAfter"/>.
    /// </summary>
    internal static string CancelAfter(TimeSpan deadline)
    {
        var total = (long)Math.Max(Math.Ceiling(deadline.TotalSeconds), MinCancelAfter.TotalSeconds);
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        return (hours > 0 ? FormattableString.Invariant($"{hours}h") : "")
            + (minutes > 0 ? FormattableString.Invariant($"{minutes}m") : "")
            + (seconds > 0 ? FormattableString.Invariant($"{seconds}s") : "");
    }

    /// <inheritdoc />
    public string ProviderId => ReplicateProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => ReplicateProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        submission.RejectWebhookUrl(ProviderId, "set the request's Replicate options (Webhook, WebhookEventsFilter)");
        var request = Authorized(HttpMethod.Post, connection.Url($"v1/models/{submission.ModelId}/predictions"), submission.Content);
        if (submission.Wait is { } wait)
        {
            var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, MaxWait.TotalSeconds);
            request.Headers.Add("Prefer", "wait=" + seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (submission.CancelAfter is { } deadline)
        {
            request.Headers.Add(CancelAfterHeader, CancelAfter(deadline));
        }

        return request;
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body));
    }

    /// <inheritdoc />
    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var url = connection.TrustedLink(handle.Link("get")) ?? connection.Url($"v1/predictions/{Uri.EscapeDataString(handle.JobId)}");
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Status, connection, Authorized(HttpMethod.Get, url), cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body));
    }

    /// <inheritdoc />
    public async Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var url = connection.TrustedLink(handle.Link("cancel")) ?? connection.Url($"v1/predictions/{Uri.EscapeDataString(handle.JobId)}/cancel");
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Cancel, connection, Authorized(HttpMethod.Post, url), cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body));
    }

    /// <summary>A prediction object (an API answer or a webhook body) as a job state.</summary>
    /// <summary>A webhook delivers the prediction itself.</summary>
    internal static JobState? ReadWebhook(JsonElement body, DateTimeOffset now) => body.String("id") is null ? null : Parse(body);

    /// <summary>The job state a prediction describes.</summary>
    internal static JobState Parse(JsonElement prediction)
    {
        var status = prediction.String("status") ?? "starting";
        var links = new Dictionary<string, string>();
        if (prediction.Property("urls") is { } urls)
        {
            foreach (var name in new[] { "get", "cancel" })
            {
                if (urls.String(name) is { } url)
                {
                    links[name] = url;
                }
            }
        }

        var error = prediction.Property("error");
        var message = error is { ValueKind: JsonValueKind.String } text ? text.GetString() : error?.ToString();
        var code = ErrorCode(message);
        return new JobState
        {
            Handle = new JobHandle(ReplicateProvider.Id, prediction.String("id") ?? throw new MalformedAnswerException("the prediction has no id"), links),
            Status = status switch
            {
                "starting" => JobStatus.Queued,
                "processing" => JobStatus.Running,
                "succeeded" => JobStatus.Succeeded,
                "failed" => Moderation.FailedOrModerated(code, message),
                "canceled" or "aborted" => JobStatus.Canceled,
                _ => JobStatus.Running,
            },
            ProviderStatus = status,
            ErrorCode = code,
            ErrorMessage = message,
            Outputs = status == "succeeded" ? Json.Urls(prediction.Property("output")).Select(url => JobOutput.FromUrl(url)).ToList() : [],
        };
    }

    /// <summary>Replicate ends its error messages with a code in parentheses: <c>… flagged as sensitive … (E005)</c>.</summary>
    private static string? ErrorCode(string? message) =>
        message is not null && ErrorCodePattern().Match(message) is { Success: true } match ? match.Groups["code"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"\((?<code>E\d+)\)\s*$")]
    private static partial System.Text.RegularExpressions.Regex ErrorCodePattern();

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null) =>
        connection.Request(ReplicateProvider.Definition.Auth, method, url, content);

}

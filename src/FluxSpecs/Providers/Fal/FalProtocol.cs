using FluxSpecs.Errors;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.Fal;

/// <summary>
/// fal's queue: <c>POST {queue}/{model}[/subpath]</c> returns a request id and the status, response and cancel URLs.
/// Those URLs drop the submit subpath (<c>/edit</c>), so they are used as given. Cancel only works before the job starts.
/// Status is pushed on <c>{status_url}/stream</c> (server-sent events), which waits listen to.
/// </summary>
public sealed class FalProtocol(ProviderConnection connection) : IProviderProtocol
{
    private const string StatusUrl = "status_url";
    private const string ResponseUrl = "response_url";
    private const string CancelUrl = "cancel_url";

    /// <inheritdoc />
    public string ProviderId => FalProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => FalProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        return Authorized(HttpMethod.Post, SubmitUrl(submission), submission.Content);
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r =>
        {
            var body = r.Body;
            var id = body.String("request_id") ?? throw new MalformedAnswerException("the answer has no request_id");
            var links = new Dictionary<string, string>();
            foreach (var name in new[] { StatusUrl, ResponseUrl, CancelUrl })
            {
                // fal's queue gives these URLs and no way to rebuild them; one the key may not travel to is an answer
                // this client cannot follow.
                links[name] = (connection.TrustedLink(body.String(name))
                    ?? throw new MalformedAnswerException($"the answer's {name} is missing, or is not https")).AbsoluteUri;
            }

            return new JobState { Handle = new JobHandle(ProviderId, id, links), Status = JobStatus.Queued, ProviderStatus = body.String("status") ?? "IN_QUEUE" };
        });
    }

    /// <inheritdoc />
    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var statusUrl = Required(handle, StatusUrl);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Status, connection, Authorized(HttpMethod.Get, statusUrl), cancellationToken).ConfigureAwait(false);
        var status = response.Read(r => Status.Read(r.Body));
        return await StateAsync(handle, status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// fal's status stream, <c>{status_url}/stream</c>: server-sent events of the same status object <c>status_url</c>
    /// answers, closed after <c>COMPLETED</c>; the result is then fetched from <c>response_url</c>, as a poll would.
    /// </summary>
    public async IAsyncEnumerable<JobState> StreamStatesAsync(JobHandle handle, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var statusUrl = Required(handle, StatusUrl);
        var streamUrl = new UriBuilder(statusUrl) { Path = statusUrl.AbsolutePath.TrimEnd('/') + "/stream" }.Uri;
        await foreach (var element in ProviderEventStream.ReadAsync(ProviderId, connection, Authorized(HttpMethod.Get, streamUrl), StreamIdleLimit, cancellationToken).ConfigureAwait(false))
        {
            Status status;
            try
            {
                status = Status.Read(element);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
            {
                throw new ProviderException(ProviderId, ProviderHttp.Stream, System.Net.HttpStatusCode.OK, null, "an event could not be read (" + e.Message + ")", jobMayExist: false, e);
            }

            var state = await StateAsync(handle, status, cancellationToken).ConfigureAwait(false);
            yield return state;
            if (state.IsTerminal)
            {
                yield break;
            }
        }

        throw new ProviderException(ProviderId, ProviderHttp.Stream, System.Net.HttpStatusCode.OK, null, "the stream ended before the request completed", jobMayExist: false);
    }

    /// <summary>
    /// fal sends a comment line every 15 seconds on a quiet status stream; a stream silent for three of those is taken
    /// for broken.
    /// </summary>
    private static readonly TimeSpan StreamIdleLimit = TimeSpan.FromSeconds(45);

    /// <summary>The fields of fal's status object (<c>status_url</c>'s answer and each status stream event) this client reads.</summary>
    private sealed record Status(string Word, int? QueuePosition, string? Error, string? ErrorType)
    {
        public static Status Read(JsonElement body) =>
            new(body.String("status") ?? "IN_QUEUE", body.Int("queue_position"), body.String("error"), body.String("error_type"));
    }

    /// <summary>The job state a status object describes; a completed run's result is fetched from <c>response_url</c>.</summary>
    private async Task<JobState> StateAsync(JobHandle handle, Status status, CancellationToken cancellationToken)
    {
        if (status.Word != "COMPLETED")
        {
            return new JobState
            {
                Handle = handle,
                Status = status.Word == "IN_PROGRESS" ? JobStatus.Running : JobStatus.Queued,
                ProviderStatus = status.Word,
                QueuePosition = status.QueuePosition,
            };
        }

        // COMPLETED means the run ended. A failed or canceled run says so in the status (error, error_type); the
        // response URL then answers with an error status too, which must not be mistaken for a failed read.
        if (status.Error is { } error)
        {
            return new JobState
            {
                Handle = handle,
                Status = status.ErrorType == "request_cancelled" ? JobStatus.Canceled : Moderation.FailedOrModerated(status.ErrorType, error),
                ProviderStatus = status.Word,
                ErrorCode = status.ErrorType,
                ErrorMessage = error,
            };
        }

        try
        {
            var result = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Result, connection, Authorized(HttpMethod.Get, Required(handle, ResponseUrl)), cancellationToken).ConfigureAwait(false);
            return result.Read(r => new JobState { Handle = handle, Status = JobStatus.Succeeded, ProviderStatus = status.Word, Outputs = Outputs(r.Body) });
        }
        catch (ProviderException e) when (e.StatusCode is { } code && (int)code is >= 400 and < 500 && (int)code != 429)
        {
            return new JobState { Handle = handle, Status = Moderation.FailedOrModerated(e.ProviderCode, e.ProviderMessage), ProviderStatus = status.Word, ErrorCode = e.ProviderCode, ErrorMessage = e.ProviderMessage };
        }
    }

    /// <inheritdoc />
    public async Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Cancel, connection, Authorized(HttpMethod.Put, Required(handle, CancelUrl)), cancellationToken).ConfigureAwait(false);
        return response.Read(r => new JobState { Handle = handle, Status = JobStatus.Canceled, ProviderStatus = r.Body.String("status") ?? "CANCELLATION_REQUESTED" });
    }

    /// <summary>fal's images (a result, or a webhook's <c>payload</c>): URLs, or data URIs when the request asked for <c>sync_mode</c>.</summary>
    /// <summary>fal's webhook: <c>{request_id, status: OK|ERROR, payload, error, payload_error}</c>.</summary>
    internal static JobState? ReadWebhook(JsonElement body, DateTimeOffset now)
    {
        if (body.String("request_id") is not { } id || body.String("status") is not { } status || status is not ("OK" or "ERROR"))
        {
            return null;
        }

        var payload = body.Property("payload");
        var handle = new JobHandle(FalProvider.Id, id);
        return status == "OK"
            ? new JobState
            {
                Handle = handle,
                Status = JobStatus.Succeeded,
                ProviderStatus = status,
                ErrorMessage = body.String("payload_error"),
                Outputs = payload is { } result ? Outputs(result) : [],
            }
            : WebhookError(handle, status, payload, body.String("error") ?? body.String("payload_error"));
    }

    /// <summary>A failed request's payload is the error body the result URL would give: <c>{detail: [{loc, msg, type}]}</c>.</summary>
    private static JobState WebhookError(JobHandle handle, string status, JsonElement? payload, string? message)
    {
        var code = payload?.Property("detail") is { ValueKind: JsonValueKind.Array } detail && detail.GetArrayLength() > 0 ? detail[0].String("type") : null;
        return new JobState
        {
            Handle = handle,
            Status = Moderation.FailedOrModerated(code, message),
            ProviderStatus = status,
            ErrorCode = code,
            ErrorMessage = message,
        };
    }

    internal static List<JobOutput> Outputs(JsonElement result)
    {
        var outputs = new List<JobOutput>();
        if (result.Property("images") is { ValueKind: JsonValueKind.Array } images)
        {
            foreach (var image in images.EnumerateArray())
            {
                var url = image.String("url");
                if (url is not null && url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                {
                    var data = Images.ImageInput.FromDataUri(url);
                    outputs.Add(JobOutput.FromBytes(data.Data, image.String("content_type") ?? data.Format?.ToString()));
                }
                else if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && Json.IsWeb(uri))
                {
                    outputs.Add(JobOutput.FromUrl(uri, image.String("content_type")));
                }
            }
        }

        return outputs;
    }

    /// <summary>The queue URL of the model, with <c>?fal_webhook=</c> when the submission asks for a webhook.</summary>
    private Uri SubmitUrl(ProviderSubmission submission)
    {
        var url = connection.Url(submission.ModelId);
        if (submission.WebhookUrl is not { } webhook)
        {
            return url;
        }

        if (!webhook.IsAbsoluteUri)
        {
            throw new ArgumentException("fal's webhook URL must be absolute.", nameof(submission));
        }

        var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
        return new Uri(url.AbsoluteUri + separator + "fal_webhook=" + Uri.EscapeDataString(webhook.AbsoluteUri));
    }

    private Uri Required(JobHandle handle, string link) => connection.TrustedLink(handle.Link(link))
        ?? throw new ArgumentException($"The fal job handle has no usable {link} (absolute https, or on the configured base URL); re-attach with the handle the submit returned.", nameof(handle));

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null) =>
        connection.Request(FalProvider.Definition.Auth, method, url, content);
}

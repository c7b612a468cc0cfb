using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.Magnific;

/// <summary>
/// Magnific (Freepik) tasks: <c>POST /v1/ai/text-to-image/{endpoint}</c> returns <c>{data: {task_id, status}}</c>;
/// <c>GET /v1/ai/text-to-image/{endpoint}/{task_id}</c> reports CREATED, IN_PROGRESS, COMPLETED or FAILED. No cancel.
/// </summary>
public sealed class MagnificProtocol(ProviderConnection connection) : IProviderProtocol
{
    private const string Endpoint = "endpoint";

    /// <inheritdoc />
    public string ProviderId => MagnificProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => MagnificProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        submission.RejectWebhookUrl(ProviderId, "set the request's Magnific options (WebhookUrl)");
        var request = Authorized(HttpMethod.Post, connection.Url("v1/ai/text-to-image/" + submission.ModelId), submission.Content);
        return request;
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r =>
        {
            var data = r.Body.Property("data") ?? r.Body;
            var id = data.String("task_id") ?? throw new MalformedAnswerException("the answer has no task_id");
            return Parse(new JobHandle(ProviderId, id, new Dictionary<string, string> { [Endpoint] = submission.ModelId }), data);
        });
    }

    /// <inheritdoc />
    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var endpoint = handle.Link(Endpoint) ?? throw new ArgumentException("The magnific job handle has no endpoint; re-attach with the handle the submit returned.", nameof(handle));
        var url = connection.Url($"v1/ai/text-to-image/{endpoint}/{Uri.EscapeDataString(handle.JobId)}");
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Status, connection, Authorized(HttpMethod.Get, url), cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(handle, r.Body.Property("data") ?? r.Body));
    }

    /// <inheritdoc />
    public Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Magnific's API has no way to cancel a task; stop waiting with the CancellationToken instead.");

    /// <summary>A task object (the <c>data</c> of an answer, or a webhook body) as a job state.</summary>
    /// <summary>A webhook delivers the task, with or without the <c>data</c> wrapper.</summary>
    internal static JobState? ReadWebhook(JsonElement body, DateTimeOffset now) =>
        (body.Property("data") ?? body) is var task && task.String("task_id") is { } taskId
            ? Parse(new JobHandle(MagnificProvider.Id, taskId), task)
            : null;

    internal static JobState Parse(JobHandle handle, JsonElement data)
    {
        var status = data.String("status") ?? "CREATED";
        return new JobState
        {
            Handle = handle,
            Status = status switch
            {
                "CREATED" => JobStatus.Queued,
                "IN_PROGRESS" => JobStatus.Running,
                "COMPLETED" => JobStatus.Succeeded,
                "FAILED" => JobStatus.Failed,
                _ => JobStatus.Running,
            },
            ProviderStatus = status,
            ErrorMessage = data.String("error") ?? data.String("message"),
            Outputs = status == "COMPLETED" ? Generated(data.Property("generated")) : [],
        };
    }

    /// <summary>Generated images as URLs, or (as some Magnific endpoints return) base64 strings.</summary>
    private static List<JobOutput> Generated(JsonElement? generated)
    {
        var outputs = new List<JobOutput>();
        if (generated is not { ValueKind: JsonValueKind.Array } items)
        {
            return outputs;
        }

        foreach (var item in items.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : item.String("url");
            if (text is null)
            {
                continue;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                outputs.Add(JobOutput.FromUrl(url));
            }
            else
            {
                var image = Images.ImageInput.FromBytes(Convert.FromBase64String(text));
                outputs.Add(JobOutput.FromBytes(image.Data, image.Format is { } format ? Images.ImageFormats.ToMediaType(format) : null));
            }
        }

        return outputs;
    }

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null) =>
        connection.Request(MagnificProvider.Definition.Auth, method, url, content);
}

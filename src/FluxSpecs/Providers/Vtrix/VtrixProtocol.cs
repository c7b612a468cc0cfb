using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.Vtrix;

/// <summary>
/// Vtrix's generation API (seed 002): a BFL-shaped body with <c>"model": "flux_2_pro"</c> is posted to
/// <c>/model/v1/generation</c>; the task is polled at <c>/model/v1/generation/{id}</c> until <c>completed</c> or
/// <c>failed</c>, with images in <c>output[].content[].url</c> and the cost in US dollars in <c>usage.cost</c>. No cancel.
/// </summary>
/// <remarks>The polling path is not in the public page; it follows the create path, as the emulator does.</remarks>
public sealed class VtrixProtocol(ProviderConnection connection) : IProviderProtocol
{
    private const string Path = "model/v1/generation";

    /// <inheritdoc />
    public string ProviderId => VtrixProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => VtrixProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        submission.RejectWebhookUrl(ProviderId, "Vtrix documents no webhooks");
        var request = Authorized(HttpMethod.Post, connection.Url(Path), submission.Content);
        return request;
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body, ProviderHttp.Create));
    }

    /// <inheritdoc />
    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        var request = Authorized(HttpMethod.Get, connection.Url(Path + "/" + Uri.EscapeDataString(handle.JobId)));
        var response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Status, connection, request, cancellationToken).ConfigureAwait(false);
        return response.Read(r => Parse(r.Body, ProviderHttp.Status));
    }

    /// <inheritdoc />
    public Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Vtrix's API has no way to cancel a task; stop waiting with the CancellationToken instead.");

    private JobState Parse(JsonElement body, string operation)
    {
        var id = body.String("id") ?? body.String("task_id")
            ?? throw new MalformedAnswerException("the answer has no id");
        var status = body.String("status") ?? "in_progress";
        var error = body.Property("error");
        var cost = body.Property("usage")?.Decimal("cost");
        return new JobState
        {
            Handle = new JobHandle(ProviderId, id),
            Status = status switch
            {
                "queued" or "pending" => JobStatus.Queued,
                "completed" => JobStatus.Succeeded,
                "failed" => Moderation.FailedOrModerated(error?.String("code"), error?.String("message")),
                _ => JobStatus.Running,
            },
            ProviderStatus = status,
            ErrorCode = error?.String("code"),
            ErrorMessage = error?.String("message"),
            Outputs = status == "completed" ? Urls(body).Select(url => JobOutput.FromUrl(url)).ToList() : [],
            ActualCost = cost is { } usd ? new JobCost(usd, "usd") : null,
        };
    }

    private static IEnumerable<Uri> Urls(JsonElement body)
    {
        if (body.Property("output") is not { ValueKind: JsonValueKind.Array } output)
        {
            yield break;
        }

        foreach (var item in output.EnumerateArray())
        {
            if (item.Property("content") is { ValueKind: JsonValueKind.Array } content)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (part.String("url") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) && Json.IsWeb(url))
                    {
                        yield return url;
                    }
                }
            }
        }
    }

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null) =>
        connection.Request(VtrixProvider.Definition.Auth, method, url, content);
}

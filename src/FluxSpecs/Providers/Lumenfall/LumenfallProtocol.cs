using FluxSpecs.Errors;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers.Lumenfall;

/// <summary>
/// Lumenfall's OpenAI-compatible images API (seed 004), which answers synchronously: JSON to
/// <c>/openai/v1/images/generations</c>, multipart to <c>/openai/v1/images/edits</c> (chosen by the body). The create
/// returns the finished images, so there is no job to poll, re-attach to or cancel.
/// </summary>
public sealed class LumenfallProtocol(ProviderConnection connection) : IProviderProtocol
{
    /// <inheritdoc />
    public string ProviderId => LumenfallProvider.Id;

    /// <inheritdoc />
    public bool SupportsCancel => LumenfallProvider.Definition.Can(ProviderCapabilities.Cancel);

    /// <inheritdoc />
    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission)
    {
        submission.RejectWebhookUrl(ProviderId, "Lumenfall answers synchronously and has no webhooks");
        var path = submission.Content is MultipartFormDataContent ? "openai/v1/images/edits" : "openai/v1/images/generations";
        return connection.Request(LumenfallProvider.Definition.Auth, HttpMethod.Post, connection.Url(path), submission.Content);
    }

    /// <inheritdoc />
    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        var request = BuildCreateRequest(submission);
        ProviderResponse response;
        try
        {
            response = await ProviderHttp.SendAsync(ProviderId, ProviderHttp.Create, connection, request, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException e) when (Moderation.IsModeration(e.ProviderCode, null))
        {
            // Lumenfall answers synchronously, so a moderated generation comes back as a refused create (HTTP 400
            // CONTENT_POLICY_VIOLATION); it ends the job all the same, and is reported as one.
            return new JobState
            {
                Handle = new JobHandle(ProviderId, "rejected-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
                Status = JobStatus.Moderated,
                ProviderStatus = "rejected",
                ErrorCode = e.ProviderCode,
                ErrorMessage = e.ProviderMessage,
            };
        }

        return response.Read(r =>
        {
            var id = r.Headers.TryGetValues("X-Lumenfall-Request-Id", out var ids) && ids.FirstOrDefault() is { Length: > 0 } given ? given
                : "created-" + (r.Body.String("created") ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            return new JobState
            {
                Handle = new JobHandle(ProviderId, id),
                Status = JobStatus.Succeeded,
                ProviderStatus = "completed",
                Outputs = Outputs(r.Body),
            };
        });
    }

    /// <inheritdoc />
    public Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Lumenfall answers synchronously: the create returned the images, and there is no job to ask about.");

    /// <inheritdoc />
    public Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Lumenfall answers synchronously; there is no job to cancel.");

    private static List<JobOutput> Outputs(JsonElement body)
    {
        var outputs = new List<JobOutput>();
        if (body.Property("data") is not { ValueKind: JsonValueKind.Array } data)
        {
            // The answer is the finished job: without its images there is nothing to wait for or ask about later.
            throw new MalformedAnswerException("the answer has no data (the images)");
        }

        foreach (var item in data.EnumerateArray())
        {
            if (item.String("url") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) && Json.IsWeb(url))
            {
                outputs.Add(JobOutput.FromUrl(url));
            }
            else if (item.String("b64_json") is { } base64)
            {
                var image = Images.ImageInput.FromBytes(Convert.FromBase64String(base64));
                outputs.Add(JobOutput.FromBytes(image.Data, image.Format is { } format ? Images.ImageFormats.ToMediaType(format) : null));
            }
        }

        return outputs;
    }
}

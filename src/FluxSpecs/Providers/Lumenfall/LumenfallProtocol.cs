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
            var outputs = Outputs(r.Body);
            return new JobState
            {
                Handle = new JobHandle(ProviderId, id, OutputLinks(outputs)),
                Status = JobStatus.Succeeded,
                ProviderStatus = "completed",
                Outputs = outputs,
            };
        });
    }

    /// <summary>
    /// There is no job to ask about: the create returned the images. A handle that carries the images' URLs (saved from
    /// a create answered with URLs) gives the finished job again, so a re-attached job can still download them.
    /// </summary>
    /// <exception cref="NotSupportedException">The handle carries no image URLs (the images came as base64 in the create's answer).</exception>
    public Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var urls = new List<JobOutput>();
        while (handle.Link(OutputLink + (urls.Count + 1).ToString(CultureInfo.InvariantCulture)) is { } link && Uri.TryCreate(link, UriKind.Absolute, out var url) && Json.IsWeb(url))
        {
            urls.Add(JobOutput.FromUrl(url));
        }

        return urls.Count > 0
            ? Task.FromResult(new JobState { Handle = handle, Status = JobStatus.Succeeded, ProviderStatus = "completed", Outputs = urls })
            : throw new NotSupportedException("Lumenfall answers synchronously: the create returned the images, and there is no job to ask about.");
    }

    /// <summary>The handle's links to the images, <c>output_1</c>…, when every image came as a URL.</summary>
    private const string OutputLink = "output_";

    private static Dictionary<string, string>? OutputLinks(List<JobOutput> outputs) =>
        outputs.Count > 0 && outputs.All(o => o.Url is not null)
            ? outputs.Select((o, i) => (Name: OutputLink + (i + 1).ToString(CultureInfo.InvariantCulture), Url: o.Url!.ToString())).ToDictionary(p => p.Name, p => p.Url, StringComparer.Ordinal)
            : null;

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

using System.Net.Http.Json;
using System.Text.Json;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;

namespace FluxSpecs.CustomProvider.Tests.Acme;

/// <summary>
/// Acme's made-up API: <c>POST v1/jobs</c> with the body answers <c>{"id"}</c>; <c>GET v1/jobs/{id}</c> answers
/// <c>{"id", "state": queued|running|done|failed, "image_url", "error"}</c>; <c>DELETE v1/jobs/{id}</c> cancels.
/// </summary>
public sealed class AcmeProtocol(ProviderConnection connection) : IProviderProtocol
{
    public string ProviderId => AcmeProvider.Id;

    public bool SupportsCancel => AcmeProvider.Definition.Can(ProviderCapabilities.Cancel);

    public HttpRequestMessage BuildCreateRequest(ProviderSubmission submission) =>
        Authorized(HttpMethod.Post, connection.Url("v1/jobs"), submission.Content);

    public async Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        using var response = await connection.Http.SendAsync(BuildCreateRequest(submission), cancellationToken);
        var body = await Read(response, cancellationToken);
        return Queued(body.GetProperty("id").GetString()!);
    }

    public async Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        using var response = await connection.Http.SendAsync(Authorized(HttpMethod.Get, JobUrl(handle)), cancellationToken);
        return Parse(handle, await Read(response, cancellationToken));
    }

    public async Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default)
    {
        using var response = await connection.Http.SendAsync(Authorized(HttpMethod.Delete, JobUrl(handle)), cancellationToken);
        return Parse(handle, await Read(response, cancellationToken));
    }

    private static JobState Queued(string id) =>
        new() { Handle = new JobHandle(AcmeProvider.Id, id), Status = JobStatus.Queued, ProviderStatus = "queued" };

    private static JobState Parse(JobHandle handle, JsonElement body)
    {
        var state = body.GetProperty("state").GetString()!;
        return new JobState
        {
            Handle = handle,
            ProviderStatus = state,
            Status = state switch
            {
                "queued" => JobStatus.Queued,
                "running" => JobStatus.Running,
                "done" => JobStatus.Succeeded,
                "canceled" => JobStatus.Canceled,
                _ => JobStatus.Failed,
            },
            ErrorMessage = body.TryGetProperty("error", out var error) ? error.GetString() : null,
            Outputs = body.TryGetProperty("image_url", out var url) && url.GetString() is { } link
                ? [new JobOutput { Url = new Uri(link) }]
                : [],
        };
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private Uri JobUrl(JobHandle handle) => connection.Url("v1/jobs/" + Uri.EscapeDataString(handle.JobId));

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(AcmeProvider.Definition.Auth.Header, connection.ApiKey);
        return request;
    }
}

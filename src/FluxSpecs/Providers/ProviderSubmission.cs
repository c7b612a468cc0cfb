namespace FluxSpecs.Providers;

/// <summary>What to send to create a job: the provider's model id or endpoint and the exact body.</summary>
/// <param name="ModelId">The provider's model id or endpoint (<c>black-forest-labs/flux-2-pro</c>, <c>flux-2-pro</c>, <c>fal-ai/flux-2-pro/edit</c>).</param>
/// <param name="Content">The body: JSON, or multipart for Lumenfall's edits.</param>
public sealed record ProviderSubmission(string ModelId, HttpContent Content)
{
    /// <summary>
    /// For providers that can hold the create request open until the job is done (Replicate's <c>Prefer: wait</c>): how
    /// long to wait. Null sends no such request.
    /// </summary>
    public TimeSpan? Wait { get; init; }
}

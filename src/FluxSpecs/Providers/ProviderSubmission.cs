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

    /// <summary>
    /// For providers that take a deadline with the create (Replicate's <c>Cancel-After</c>, counted from the create): how
    /// long the job may run before the provider cancels it. Providers without such a deadline ignore it; cancel the job
    /// yourself there. Null sends none.
    /// </summary>
    public TimeSpan? CancelAfter { get; init; }

    /// <summary>
    /// The webhook URL for providers that take it outside the body: fal, where it becomes <c>?fal_webhook=</c> on the
    /// submit URL. Providers whose body carries the webhook (Replicate, BFL, core.today, Magnific: set it on the request's
    /// typed provider options) and providers without webhooks reject a submission that sets it, rather than drop it.
    /// </summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Throws when <see cref="WebhookUrl"/> is set for a provider that cannot take it that way.</summary>
    /// <exception cref="ArgumentException"><see cref="WebhookUrl"/> is set.</exception>
    internal void RejectWebhookUrl(string providerId, string instead)
    {
        if (WebhookUrl is not null)
        {
            throw new ArgumentException($"{providerId} does not take {nameof(WebhookUrl)} on the submission: {instead}.", "submission");
        }
    }
}

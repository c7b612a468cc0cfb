namespace FluxSpecs.Emulator.Jobs;

/// <summary>Where and how to call a job's webhook, as the create call asked.</summary>
/// <param name="Url">The URL to POST to; only loopback URLs are called.</param>
/// <param name="Secret">A per-job signing secret (BFL's <c>webhook_secret</c>), or null.</param>
/// <param name="Events">The events asked for (Replicate's <c>webhook_events_filter</c>, core.today's <c>webhook_events</c>); empty means the provider's default.</param>
internal sealed record WebhookTarget(Uri Url, string? Secret = null, IReadOnlyList<string>? Events = null)
{
    /// <summary>True when <paramref name="name"/> was asked for, or no filter was given.</summary>
    public bool Wants(string name) => Events is null || Events.Count == 0 || Events.Contains(name, StringComparer.Ordinal);
}

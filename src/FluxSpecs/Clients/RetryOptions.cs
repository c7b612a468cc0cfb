namespace FluxSpecs.Clients;

/// <summary>
/// How reads (status, result, download) are retried: on 408, 429, 5xx and transport errors, with jittered exponential
/// backoff that honours <c>Retry-After</c>, bounded by count and time. Creates are never retried.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff delay, doubled on each retry (with jitter). Default 0.5 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts, also the cap on a provider's <c>Retry-After</c>. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time one attempt may take. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time all attempts of one read may take together. Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The time a create may take; longer when it waits for the result (Replicate's <c>Prefer: wait</c>). Default 90 s.</summary>
    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromSeconds(90);
}

namespace FluxSpecs.Batches;

/// <summary>
/// One create of a row on one provider, in the order they were sent (a row tries its next provider only after a
/// refusal that proves no job was made): one item of <c>"attempts"</c> in <c>results.jsonl</c>.
/// </summary>
public sealed record BatchAttempt
{
    /// <summary>The provider the create went to.</summary>
    public required string ProviderId { get; init; }

    /// <summary>How the create ended.</summary>
    public required BatchAttemptOutcome Outcome { get; init; }

    /// <summary>The HTTP status the provider answered with; null when no answer came (or none is recorded).</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The provider's own error code, when it gave one.</summary>
    public string? ProviderCode { get; init; }

    /// <summary>What happened, in words, for an attempt that did not make a job.</summary>
    public string? Message { get; init; }
}

using FluxSpecs.Validation;

namespace FluxSpecs.Batches;

/// <summary>How one row of a batch ended: one line of <c>results.jsonl</c>.</summary>
public sealed record BatchRowResult
{
    /// <summary>The row's id.</summary>
    public required string Id { get; init; }

    /// <summary>The final status.</summary>
    public required BatchRowStatus Status { get; init; }

    /// <summary>The model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>
    /// The provider of the row's last create (the one that made its job, when one did); for a row sent nowhere, the
    /// first provider it would have been sent to; null when it names none that offers the model.
    /// </summary>
    public string? ProviderId { get; init; }

    /// <summary>The saved job handle (<see cref="Clients.FluxSpecsClient.Attach"/> re-attaches with it); null when no job is known.</summary>
    public string? JobHandle { get; init; }

    /// <summary>The estimated price in US dollars, when the provider publishes one.</summary>
    public decimal? EstimateUsd { get; init; }

    /// <summary>The cost the provider reported, in US dollars, when it reports one.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>The saved images, relative to the output folder.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Every rule an invalid row breaks.</summary>
    public IReadOnlyList<Violation> Violations { get; init; } = [];

    /// <summary>What went wrong, for a row that did not succeed.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Why the batch itself ended the row (<see cref="BatchRowReason"/>: budget, unpriced, deadline); null when the row
    /// ended on its own.
    /// </summary>
    public BatchRowReason? Reason { get; init; }

    /// <summary>Every create sent for the row, in order, in this run and earlier ones over the same output folder.</summary>
    public IReadOnlyList<BatchAttempt> Attempts { get; init; } = [];

    /// <summary>True when this run took the row's outcome from the journal of an earlier run, sending nothing.</summary>
    public bool FromJournal { get; init; }

    /// <summary>True when this run sent a create or waited for a job for the row (what the progress rate counts).</summary>
    internal bool Sent { get; init; }

    /// <summary>
    /// The row's line of <c>results.jsonl</c> (without the line break): <c>{"id", "status", "reason", "model", "provider",
    /// "job", "estimate", "cost", "files", "attempts", "error", "violations"}</c>, amounts in US dollars or null.
    /// </summary>
    public string ToJson() => System.Text.Encoding.UTF8.GetString(BatchResultsFile.Line(this)).TrimEnd('\n');
}

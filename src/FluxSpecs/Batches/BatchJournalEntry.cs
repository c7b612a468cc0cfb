namespace FluxSpecs.Batches;

/// <summary>
/// What the journal knows of a row: its intent (written before the create), its job handle (written after it), and its
/// outcome (written once the job ended and its images are saved).
/// </summary>
public sealed record BatchJournalEntry
{
    /// <summary>The row's id.</summary>
    public required string RowId { get; init; }

    /// <summary>The model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>The provider of the row's latest create (the intent names the provider it is about to go to).</summary>
    public required string ProviderId { get; init; }

    /// <summary>The estimated price in US dollars, when known.</summary>
    public decimal? EstimateUsd { get; init; }

    /// <summary>The saved job handle; null until the create answered with one.</summary>
    public string? JobHandle { get; init; }

    /// <summary>The outcome; null while the row's job is being created or waited for.</summary>
    public BatchRowStatus? Status { get; init; }

    /// <summary>The cost the provider reported, in US dollars.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>The saved images, relative to the output folder.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>What went wrong, for a row that did not succeed.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Every create of the row, in order (read back from the journal; ignored by
    /// <see cref="IBatchJournal.RecordIntentAsync"/>, which adds the one it announces). A create whose answer was never
    /// recorded reads as <see cref="BatchAttemptOutcome.MayExist"/>.
    /// </summary>
    public IReadOnlyList<BatchAttempt> Attempts { get; init; } = [];

    /// <summary>
    /// True when no job was made for the row: its creates were refused in a way that proves it (failed), or the budget
    /// left it out after such refusals (skipped). The only ended rows that may be sent again.
    /// </summary>
    public bool NothingCreated => Status is BatchRowStatus.Failed or BatchRowStatus.Skipped && JobHandle is null;
}

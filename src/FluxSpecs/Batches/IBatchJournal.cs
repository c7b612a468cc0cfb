namespace FluxSpecs.Batches;

/// <summary>
/// Where a batch records what it did, so that a run after a crash neither loses a paid image nor pays for it twice.
/// Every write is durable before it returns. The runner writes the intent before each create; an entry with an
/// intent and no handle means a create may have reached the provider, so it is reported as
/// <see cref="BatchRowStatus.Unknown"/> and never sent again.
/// </summary>
public interface IBatchJournal : IAsyncDisposable
{
    /// <summary>The entry of <paramref name="rowId"/>, with its attempts; null when the row has none.</summary>
    Task<BatchJournalEntry?> FindAsync(string rowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that <paramref name="intent"/>'s row is about to be created on <see cref="BatchJournalEntry.ProviderId"/>
    /// (no handle, no status yet), and adds that create to the row's attempts, its answer not yet known.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The row already has an entry other than one whose create was refused with nothing made
    /// (<see cref="BatchJournalEntry.NothingCreated"/>): sending it could pay twice.
    /// </exception>
    Task RecordIntentAsync(BatchJournalEntry intent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how the row's latest create was answered (<paramref name="attempt"/>, for the provider of its intent). A
    /// <see cref="BatchAttemptOutcome.Refused"/> one also records the row as failed with nothing created, so that its next
    /// intent (the next provider) may follow.
    /// </summary>
    /// <exception cref="InvalidOperationException">The row has no create awaiting its answer.</exception>
    Task RecordAttemptAsync(string rowId, BatchAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Records the job handle the create answered with (its attempt becomes <see cref="BatchAttemptOutcome.Created"/>).</summary>
    /// <exception cref="InvalidOperationException">The row has no intent, or already has an outcome.</exception>
    Task RecordJobAsync(string rowId, string jobHandle, CancellationToken cancellationToken = default);

    /// <summary>Records how the row ended, with its saved images.</summary>
    /// <exception cref="InvalidOperationException">The row has no intent.</exception>
    Task RecordOutcomeAsync(string rowId, BatchRowStatus status, decimal? costUsd, IReadOnlyList<string> files, string? error, CancellationToken cancellationToken = default);
}

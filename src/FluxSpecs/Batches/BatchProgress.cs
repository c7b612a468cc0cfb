namespace FluxSpecs.Batches;

/// <summary>Where a batch is: reported when a row starts or ends.</summary>
public sealed record BatchProgress
{
    /// <summary>The rows in the batch.</summary>
    public required int Total { get; init; }

    /// <summary>Rows that ended, whatever their status.</summary>
    public required int Done { get; init; }

    /// <summary>Rows whose job is being created or waited for.</summary>
    public required int Running { get; init; }

    /// <summary>Rows that ended other than <see cref="BatchRowStatus.Succeeded"/>.</summary>
    public required int NotSucceeded { get; init; }

    /// <summary>Spend so far in US dollars: the reported cost of each ended job, else its estimate when it succeeded.</summary>
    public required decimal SpendUsd { get; init; }

    /// <summary>The time since this run started (on <see cref="BatchOptions.TimeProvider"/>).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Rows this run ended per minute over the last minute (or since the run started, when shorter); null until one
    /// ended. Rows taken from the journal of an earlier run, and rows refused before anything was sent, do not count.
    /// </summary>
    public double? RowsPerMinute { get; init; }

    /// <summary>
    /// The time the rows not yet ended would take at <see cref="RowsPerMinute"/>; zero when every row ended, null while
    /// there is no rate.
    /// </summary>
    public TimeSpan? TimeLeft { get; init; }

    /// <summary>The row that just ended; null when a row started.</summary>
    public BatchRowResult? Row { get; init; }
}

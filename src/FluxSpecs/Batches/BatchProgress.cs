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

    /// <summary>The row that just ended; null when a row started.</summary>
    public BatchRowResult? Row { get; init; }
}

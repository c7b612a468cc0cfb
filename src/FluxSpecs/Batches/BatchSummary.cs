namespace FluxSpecs.Batches;

/// <summary>
/// How a batch run ended, in counts: what <see cref="BatchRunner.RunAsync"/> returns. Each row's own result is in
/// <see cref="ResultsPath"/> (<c>results.jsonl</c>, in input order) and was reported as it ended
/// (<see cref="BatchProgress.Row"/>); a summary holds no row, so that a batch of any size ends in the same memory.
/// </summary>
public sealed record BatchSummary
{
    /// <summary>The rows in the batch.</summary>
    public required int Rows { get; init; }

    /// <summary>How many rows ended in each status; every status is present, zero included.</summary>
    public required IReadOnlyDictionary<BatchRowStatus, int> Statuses { get; init; }

    /// <summary>Spend in US dollars: the reported cost of each ended job, else its estimate when it succeeded (as <see cref="BatchProgress.SpendUsd"/>).</summary>
    public required decimal SpendUsd { get; init; }

    /// <summary>The full path of <c>results.jsonl</c>, one line per row in input order.</summary>
    public required string ResultsPath { get; init; }

    /// <summary>How many rows ended in <paramref name="status"/>.</summary>
    public int Count(BatchRowStatus status) => Statuses.GetValueOrDefault(status);

    /// <summary>True when every row succeeded.</summary>
    public bool AllSucceeded => Count(BatchRowStatus.Succeeded) == Rows;
}

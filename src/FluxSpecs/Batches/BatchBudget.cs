using System.Globalization;

namespace FluxSpecs.Batches;

/// <summary>
/// The batch's committed spend held against its budget (<see cref="BatchOptions.MaxCostUsd"/>): per row, the estimate of
/// a job being created or run, replaced by its reported cost once it ends. Rows of the batch whose job was made in an earlier
/// run are counted from the journal at their reported cost, else their estimate. Every change is made under one lock, so that
/// rows running at once can never reserve more than the budget between them.
/// </summary>
internal sealed class BatchBudget
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, decimal> _byRow = new(StringComparer.Ordinal);
    private decimal _committed;

    public BatchBudget(decimal? maxUsd, bool allowUnpriced)
    {
        if (maxUsd is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxUsd), maxUsd, "BatchOptions.MaxCostUsd must be zero or more US dollars (null for no budget).");
        }

        MaxUsd = maxUsd;
        AllowUnpriced = allowUnpriced;
    }

    /// <summary>Counts a row of the batch that an earlier run recorded: a job made (or a create that may have made one) at its reported cost, else its estimate.</summary>
    public void Recorded(BatchJournalEntry entry)
    {
        if (!entry.NothingCreated)
        {
            lock (_lock)
            {
                Commit(entry.RowId, entry.CostUsd ?? entry.EstimateUsd ?? 0);
            }
        }
    }

    public decimal? MaxUsd { get; }

    public bool AllowUnpriced { get; }

    /// <summary>
    /// Reserves <paramref name="estimateUsd"/> for <paramref name="rowId"/>'s next create on <paramref name="providerId"/>
    /// when it fits beside the committed spend (an unpriced one only when allowed, at zero); otherwise reserves nothing and
    /// says why.
    /// </summary>
    public BudgetDecision TryReserve(string rowId, string providerId, decimal? estimateUsd)
    {
        lock (_lock)
        {
            if (MaxUsd is { } max)
            {
                if (estimateUsd is null && !AllowUnpriced)
                {
                    return new BudgetDecision(BatchRowReason.Unpriced, Usd(
                        $"{providerId} publishes no price in US dollars for this request, so its cost cannot be held to the budget of ${max:0.######}; allow unpriced providers (--allow-unpriced, BatchOptions.AllowUnpriced) to run it"));
                }

                if (_committed + (estimateUsd ?? 0) > max)
                {
                    return new BudgetDecision(BatchRowReason.Budget, Usd(
                        $"{providerId}'s estimate of ${estimateUsd:0.######} would take the committed spend of ${_committed:0.######} over the budget of ${max:0.######} (--max-cost, BatchOptions.MaxCostUsd)"));
                }
            }

            Commit(rowId, estimateUsd ?? 0);
            return new BudgetDecision(null, null);
        }
    }

    /// <summary>
    /// The row's job ended: its reported cost, when known, replaces the reservation (else the estimate stays). Only the
    /// sum is kept from then on, so that the budget holds nothing per ended row.
    /// </summary>
    public void Settle(string rowId, decimal? costUsd)
    {
        lock (_lock)
        {
            if (costUsd is { } cost)
            {
                Commit(rowId, cost);
            }

            _byRow.Remove(rowId);
        }
    }

    /// <summary>The row's create was refused with nothing made: its reservation is given back.</summary>
    public void Release(string rowId)
    {
        lock (_lock)
        {
            if (_byRow.Remove(rowId, out var reserved))
            {
                _committed -= reserved;
            }
        }
    }

    private void Commit(string rowId, decimal amount)
    {
        _committed += amount - _byRow.GetValueOrDefault(rowId);
        _byRow[rowId] = amount;
    }

    private static string Usd(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A reservation's answer: null <see cref="Skip"/> when it was made, else why not and the words for it.</summary>
internal sealed record BudgetDecision(BatchRowReason? Skip, string? Why)
{
    public bool Fits => Skip is null;
}

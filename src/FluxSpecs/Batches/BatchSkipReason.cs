namespace FluxSpecs.Batches;

/// <summary>Why a row ended <see cref="BatchRowStatus.Skipped"/> (<c>"reason"</c> in <c>results.jsonl</c>).</summary>
public enum BatchSkipReason
{
    /// <summary>
    /// Every provider the row could run on would have taken the batch's committed spend over
    /// <see cref="BatchOptions.MaxCostUsd"/>.
    /// </summary>
    Budget,

    /// <summary>
    /// The batch has a budget and the row's providers publish no price in US dollars, so its cost cannot be held to it;
    /// <see cref="BatchOptions.AllowUnpriced"/> lets such rows run.
    /// </summary>
    Unpriced,
}

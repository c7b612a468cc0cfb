namespace FluxSpecs.Batches;

/// <summary>
/// Why the batch itself ended a row rather than its job ending on its own (<see cref="BatchRowResult.Reason"/>,
/// <c>"reason"</c> in <c>results.jsonl</c>).
/// </summary>
public enum BatchRowReason
{
    /// <summary>
    /// <see cref="BatchRowStatus.Skipped"/>: every provider the row could run on would have taken the batch's committed
    /// spend over <see cref="BatchOptions.MaxCostUsd"/>.
    /// </summary>
    Budget,

    /// <summary>
    /// <see cref="BatchRowStatus.Skipped"/>: the batch has a budget and the row's providers publish no price in US
    /// dollars, so its cost cannot be held to it; <see cref="BatchOptions.AllowUnpriced"/> lets such rows run.
    /// </summary>
    Unpriced,

    /// <summary>
    /// The row's or the batch's deadline passed: before the row's create (<see cref="BatchRowStatus.Skipped"/>), or while
    /// its job ran (<see cref="BatchRowStatus.Canceled"/> where the provider canceled it, else
    /// <see cref="BatchRowStatus.Abandoned"/>).
    /// </summary>
    Deadline,
}

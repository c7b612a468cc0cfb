namespace FluxSpecs.Jobs;

/// <summary>What a provider says a job cost, in its own unit (BFL reports credits, Vtrix US dollars).</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Unit"><c>credits</c> or <c>usd</c>.</param>
public sealed record JobCost(decimal Amount, string Unit);

using FluxSpecs.Jobs;

namespace FluxSpecs.Pricing;

/// <summary>A job's estimated price next to what the provider reported it cost, in the same units.</summary>
/// <param name="Estimate">The estimate made before the job was sent.</param>
/// <param name="Actual">The cost the provider reported, or null when it reports none.</param>
public sealed record CostReport(PriceEstimate Estimate, JobCost? Actual)
{
    /// <summary>The reported cost in US dollars: as reported, or credits at the card's credit value; null when unknown.</summary>
    public decimal? ActualUsd => ToUsd(Actual, Estimate.CreditUsd);

    /// <summary>Actual minus estimated dollars, when both are known.</summary>
    public decimal? DifferenceUsd => ActualUsd - Estimate.AmountUsd;

    /// <summary>A reported cost in US dollars: as reported, or credits at <paramref name="creditUsd"/>; null when unknown.</summary>
    internal static decimal? ToUsd(JobCost? cost, decimal? creditUsd) => cost switch
    {
        { Unit: "usd" } usd => usd.Amount,
        { Unit: "credits" } credits when creditUsd is { } rate => credits.Amount * rate,
        _ => null,
    };

    /// <summary>The estimate and the job's reported cost, side by side.</summary>
    public static CostReport For(PriceEstimate estimate, JobState job)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(job);
        return new CostReport(estimate, job.ActualCost);
    }
}

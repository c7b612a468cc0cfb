namespace FluxSpecs.Pricing;

/// <summary>One request priced on every provider that offers the model: the estimates cheapest first, and the rest with why.</summary>
/// <param name="Estimates">
/// Estimates in US dollars, cheapest first, then those whose dollar value is unknown (credits of unpublished value).
/// </param>
/// <param name="Excluded">Providers left out, each with the reason (the first rule the request breaks there, or no published price).</param>
public sealed record PriceComparison(IReadOnlyList<PriceEstimate> Estimates, IReadOnlyList<ExcludedProvider> Excluded)
{
    /// <summary>The cheapest estimate in dollars, or null when none has a dollar amount.</summary>
    public PriceEstimate? Cheapest => Estimates.FirstOrDefault(e => e.AmountUsd is not null);

    /// <summary>Prices <paramref name="request"/> on every provider its card lists.</summary>
    public static PriceComparison For(IModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var estimates = new List<PriceEstimate>();
        var excluded = new List<ExcludedProvider>();
        foreach (var provider in request.Model.Providers)
        {
            var validation = request.Validate(provider.Id);
            if (!validation.IsValid)
            {
                excluded.Add(new ExcludedProvider(provider.Id, validation.Violations[0].Message));
            }
            else if (provider.Pricing is null)
            {
                excluded.Add(new ExcludedProvider(provider.Id, $"{provider.Id}: no published price for {request.Model.Id}"));
            }
            else
            {
                estimates.Add(request.EstimatePrice(provider.Id));
            }
        }

        var ranked = estimates
            .OrderBy(e => e.AmountUsd is null)
            .ThenBy(e => e.AmountUsd ?? e.Credits)
            .ThenBy(e => e.ProviderId, StringComparer.Ordinal)
            .ToList();
        return new PriceComparison(ranked, excluded);
    }
}

/// <summary>A provider left out of a comparison, and why.</summary>
public sealed record ExcludedProvider(string ProviderId, string Reason);

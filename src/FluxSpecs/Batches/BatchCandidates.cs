using FluxSpecs.Catalog;
using FluxSpecs.Pricing;
using FluxSpecs.Validation;

namespace FluxSpecs.Batches;

/// <summary>A provider a row may be created on, with the request's estimate there (null when it has no price).</summary>
internal sealed record BatchCandidate(string ProviderId, PriceEstimate? Estimate)
{
    /// <summary>The estimate in US dollars; null when the provider publishes no price, or one in credits of unknown value.</summary>
    public decimal? EstimateUsd => Estimate?.AmountUsd;
}

/// <summary>
/// A row's provider choice (<see cref="BatchRow.ProviderId"/>) turned into the providers to try, in order: one id, an
/// ordered list (<c>bfl,fal</c>), or <c>cheapest</c>. Every candidate is checked before anything is sent; those whose
/// rules the request breaks, or that have no key, are left out, and the row is invalid only when none is left.
/// </summary>
internal static class BatchCandidates
{
    /// <summary>The choice that ranks every provider of the model by price.</summary>
    public const string Cheapest = "cheapest";

    /// <summary>The provider ids of <paramref name="choice"/>, in order.</summary>
    /// <exception cref="FormatException">The choice is empty, has an empty or repeated item, or mixes <c>cheapest</c> with ids.</exception>
    public static IReadOnlyList<string> Parse(string choice)
    {
        var items = choice.Split(',').Select(item => item.Trim()).ToList();
        if (items.Any(item => item.Length == 0))
        {
            throw new FormatException($"The provider choice '{choice}' has an empty item; give one provider id, ids separated by commas (tried in order), or '{Cheapest}'.");
        }

        if (items.Count > 1 && items.Contains(Cheapest))
        {
            throw new FormatException($"The provider choice '{choice}' mixes '{Cheapest}' with provider ids; give either '{Cheapest}' alone or a list of ids.");
        }

        if (items.GroupBy(item => item, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            throw new FormatException($"The provider choice '{choice}' names '{repeated.Key}' twice; each provider is tried once.");
        }

        return items;
    }

    /// <summary>
    /// The providers of <paramref name="names"/> (or, for <c>cheapest</c>, every provider of the model: priced in US
    /// dollars cheapest first, then priced in credits of unknown value, then unpriced, each group in a stable order) that
    /// accept <paramref name="request"/>, with every other candidate's violations and the problems of those that cannot be
    /// used (<paramref name="unusable"/>: why a provider cannot be sent to, such as a missing key, else null).
    /// </summary>
    public static (List<BatchCandidate> Usable, List<Violation> Violations, List<string> Problems) Resolve(
        ModelDescriptor model, IModelRequest request, IReadOnlyList<string> names, Func<string, string?> unusable)
    {
        var usable = new List<BatchCandidate>();
        var violations = new List<Violation>();
        var problems = new List<string>();
        foreach (var providerId in names is [Cheapest] ? RankByPrice(model, request) : names)
        {
            var provider = model.FindProvider(providerId);
            if (provider is null)
            {
                violations.Add(new Violation("provider", providerId, "offers_model", $"{model.Id} is not offered by '{providerId}'. Providers: {string.Join(", ", model.Providers.Select(p => p.Id))}.", providerId));
                continue;
            }

            var broken = request.Validate(providerId).Violations;
            if (broken.Count > 0)
            {
                violations.AddRange(broken);
                continue;
            }

            if (unusable(providerId) is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            usable.Add(new BatchCandidate(providerId, provider.Pricing is null ? null : request.EstimatePrice(providerId)));
        }

        return (usable, violations, problems);
    }

    /// <summary>The price ranking of <see cref="PriceComparison"/>, then the providers it left out (unpriced or refusing), in card order.</summary>
    private static IEnumerable<string> RankByPrice(ModelDescriptor model, IModelRequest request)
    {
        var ranked = PriceComparison.For(request).Estimates.Select(estimate => estimate.ProviderId).ToList();
        return ranked.Concat(model.Providers.Select(provider => provider.Id).Where(id => !ranked.Contains(id)));
    }
}

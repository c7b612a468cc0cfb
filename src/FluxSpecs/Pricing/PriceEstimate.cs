using System.Globalization;
using FluxSpecs.Images;

namespace FluxSpecs.Pricing;

/// <summary>
/// What a request would cost on one provider, before anything is sent: the amount in the provider's unit, in US dollars
/// where that is known, and a breakdown an auditor can follow back to the card's price source and date.
/// </summary>
public sealed record PriceEstimate
{
    /// <summary>The provider id.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>The provider's billing unit: <c>usd</c> or <c>credits</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>The total in credits, when the provider bills credits.</summary>
    public decimal? Credits { get; init; }

    /// <summary>The total in US dollars; null when the provider bills credits whose dollar value it does not publish.</summary>
    public decimal? AmountUsd { get; init; }

    /// <summary>The dollar value of one credit, when the provider bills credits and publishes it.</summary>
    public decimal? CreditUsd { get; init; }

    /// <summary>The output size the estimate assumes.</summary>
    public required ImageSize OutputSize { get; init; }

    /// <summary>How many images the estimate is for (the request's image count; 1 when the card has none).</summary>
    public int ImageCount { get; init; } = 1;

    /// <summary>Every billed item.</summary>
    public required IReadOnlyList<PriceLine> Breakdown { get; init; }

    /// <summary>What the estimate had to assume (a reference image of unknown size, a size the provider picks).</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Where the prices come from.</summary>
    public required string Source { get; init; }

    /// <summary>When the prices were read.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>False when the prices come from a third party rather than the provider.</summary>
    public bool Verified { get; init; } = true;

    /// <inheritdoc />
    public override string ToString()
    {
        var total = Unit == "credits" ? string.Create(CultureInfo.InvariantCulture, $"{Credits:0.####} credits") : "";
        var usd = AmountUsd is { } amount ? string.Create(CultureInfo.InvariantCulture, $"${amount:0.####}") : "USD unknown";
        return $"{ProviderId} {ModelId}: {(total.Length > 0 ? total + " = " : "")}{usd}";
    }
}

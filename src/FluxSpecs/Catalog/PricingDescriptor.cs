namespace FluxSpecs.Catalog;

/// <summary>What a provider charges for a model, with the source and date of the figures so they can be audited.</summary>
public sealed record PricingDescriptor
{
    /// <summary><c>usd</c> or <c>credits</c>.</summary>
    public required PricingUnit Unit { get; init; }

    /// <summary>The USD value of one credit, when published.</summary>
    public decimal? CreditUsd { get; init; }

    /// <summary>A fixed price per request, in <see cref="Unit"/>.</summary>
    public decimal? PerRequest { get; init; }

    /// <summary>Per-megapixel rates, or null.</summary>
    public MegapixelRates? PerMegapixel { get; init; }

    /// <summary>Where the figures come from.</summary>
    public required string Source { get; init; }

    /// <summary>When the figures were read.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>False when the figures come from a third party rather than the provider.</summary>
    public bool Verified { get; init; } = true;

    /// <summary>Assumptions and disagreements.</summary>
    public string? Note { get; init; }
}

/// <summary>Per-megapixel rates and the rules that turn pixels into billed megapixels.</summary>
public sealed record MegapixelRates
{
    /// <summary>The price of the first output megapixel.</summary>
    public decimal? First { get; init; }

    /// <summary>The price of each further output megapixel.</summary>
    public decimal? Additional { get; init; }

    /// <summary>A flat price per output megapixel.</summary>
    public decimal? Output { get; init; }

    /// <summary>The price per reference-image megapixel.</summary>
    public decimal? Input { get; init; }

    /// <summary><c>up</c>: each image rounds up to whole megapixels; <c>none</c>: fractions are kept.</summary>
    public MegapixelRounding Rounding { get; init; } = MegapixelRounding.Up;

    /// <summary>The least a reference image counts, in megapixels.</summary>
    public decimal? MinInputMegapixels { get; init; }

    /// <summary>Each image counts at most this many megapixels.</summary>
    public decimal? MaxMegapixels { get; init; }

    /// <summary>Pixels in one megapixel (1024 × 1024 unless the card says otherwise).</summary>
    public long PixelsPerMegapixel { get; init; } = 1024 * 1024;
}

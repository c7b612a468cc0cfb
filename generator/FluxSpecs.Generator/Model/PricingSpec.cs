namespace FluxSpecs.Generator.Model
{
    /// <summary>What one provider charges for a model, with where and when the figures were read.</summary>
    internal sealed record PricingSpec(
        PricingUnit Unit,
        decimal? CreditUsd,
        decimal? PerRequest,
        MegapixelPricing? PerMegapixel,
        string Source,
        string AsOf,
        bool Verified,
        string? Note);

    /// <summary>Per-megapixel rates and the rules that turn pixels into billed megapixels.</summary>
    internal sealed record MegapixelPricing(
        decimal? First,
        decimal? Additional,
        decimal? Output,
        decimal? Input,
        MegapixelRounding Rounding,
        decimal? MinInputMegapixels,
        decimal? MaxMegapixels,
        long PixelsPerMegapixel);
}

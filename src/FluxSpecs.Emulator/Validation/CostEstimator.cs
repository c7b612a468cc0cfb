using FluxSpecs.Catalog;

namespace FluxSpecs.Emulator.Validation;

/// <summary>
/// The price a card gives a provider, applied to what the emulator renders: used where a provider reports cost in its
/// responses (BFL's <c>cost</c> in credits, Vtrix's <c>usage.cost</c> in USD).
/// </summary>
internal static class CostEstimator
{
    /// <summary>The price in the pricing's unit, or null when the card gives no usable figures.</summary>
    public static decimal? Estimate(PricingDescriptor? pricing, int width, int height, int inputImages)
    {
        if (pricing is null)
        {
            return null;
        }

        if (pricing.PerRequest is { } perRequest)
        {
            return perRequest;
        }

        if (pricing.PerMegapixel is not { } rates)
        {
            return null;
        }

        var output = Megapixels(rates, (long)width * height, minimum: null);
        decimal total;
        if (rates.First is { } first)
        {
            total = first + (Math.Max(0, output - 1) * (rates.Additional ?? rates.Output ?? 0));
        }
        else
        {
            total = output * (rates.Output ?? 0);
        }

        // Reference-image sizes are not known to the emulator: each counts as 1 MP (and at least the card's minimum).
        var perInput = Megapixels(rates, rates.PixelsPerMegapixel, rates.MinInputMegapixels);
        return total + (inputImages * perInput * (rates.Input ?? 0));
    }

    /// <summary>Output and input megapixels of the image, in MP, as a card's rules count them.</summary>
    public static decimal Megapixels(MegapixelRates rates, long pixels, decimal? minimum)
    {
        var mp = (decimal)pixels / rates.PixelsPerMegapixel;
        if (rates.Rounding == MegapixelRounding.Up)
        {
            mp = Math.Ceiling(mp);
        }

        if (rates.MaxMegapixels is { } max)
        {
            mp = Math.Min(mp, max);
        }

        return minimum is { } min ? Math.Max(mp, min) : mp;
    }
}

using System.Globalization;

namespace FluxSpecs.Pricing;

/// <summary>One line of a price breakdown: what is billed, how much of it, at what rate.</summary>
/// <param name="Item">What is billed: <c>request</c>, <c>output first MP</c>, <c>input_images[0]</c> …</param>
/// <param name="Quantity">How many units.</param>
/// <param name="QuantityUnit"><c>MP</c> or <c>request</c>.</param>
/// <param name="Rate">The price per unit, in the estimate's unit.</param>
/// <param name="Note">How the quantity was reached (pixels, rounding, clamping, minimum), for an audit.</param>
public sealed record PriceLine(string Item, decimal Quantity, string QuantityUnit, decimal Rate, string? Note = null)
{
    /// <summary>Quantity × rate.</summary>
    public decimal Amount => Quantity * Rate;

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Item}: {Quantity:0.####} {QuantityUnit} × {Rate:0.####} = {Amount:0.####}{(Note is null ? "" : " (" + Note + ")")}");
}

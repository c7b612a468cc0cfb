namespace FluxSpecs.Generator.Model
{
    /// <summary>
    /// A rule across two parameters: <see cref="Width"/> × <see cref="Height"/> at most <see cref="MaxPixels"/> (the card's
    /// <c>pixel_budget</c>), on top of each side's own min, max and step. On the model it is the largest any provider
    /// takes; a provider's narrows it.
    /// </summary>
    internal sealed record PixelBudget(string Width, string Height, long MaxPixels);
}

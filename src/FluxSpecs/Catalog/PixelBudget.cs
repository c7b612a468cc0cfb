namespace FluxSpecs.Catalog;

/// <summary>
/// A rule across two parameters (the card's <c>pixel_budget</c>): <see cref="Width"/> × <see cref="Height"/> at most
/// <see cref="MaxPixels"/> pixels, besides each side's own min, max and step. BFL takes any size up to 4 MP this way.
/// </summary>
/// <param name="Width">The card name of the width parameter.</param>
/// <param name="Height">The card name of the height parameter.</param>
/// <param name="MaxPixels">The most pixels an image may have.</param>
public sealed record PixelBudget(string Width, string Height, long MaxPixels)
{
    /// <summary>Whether a <paramref name="width"/> × <paramref name="height"/> image fits.</summary>
    public bool Allows(long width, long height) => (decimal)width * height <= MaxPixels;
}

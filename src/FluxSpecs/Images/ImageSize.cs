using System.Globalization;

namespace FluxSpecs.Images;

/// <summary>An image's size in pixels.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>Width × height.</summary>
    public long Pixels => (long)Width * Height;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}×{Height}");
}

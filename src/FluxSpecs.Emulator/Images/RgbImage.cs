namespace FluxSpecs.Emulator.Images;

/// <summary>An 8-bit RGB picture, row by row, three bytes a pixel.</summary>
internal sealed class RgbImage
{
    /// <summary>Creates a black picture.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    public RgbImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>R, G, B of every pixel, rows top to bottom.</summary>
    public byte[] Pixels { get; }
}

using System.Security.Cryptography;
using System.Text;
using FluxSpecs.Images;

namespace FluxSpecs.Emulator.Images;

/// <summary>
/// Renders the emulator's stand-in for a generated image: a picture that depends only on the seed and the prompt (a
/// two-color gradient with soft discs, colors and layout taken from a SHA-512 of both), so the same request gives the
/// same bytes and different prompts give visibly different pictures.
/// </summary>
/// <remarks>Only +, −, ×, ÷ and √ are used per pixel (all exactly rounded in IEEE 754), so the pixels are the same on every machine.</remarks>
internal static class ImageRenderer
{
    /// <summary>The largest side the emulator renders.</summary>
    public const int MaxSide = 8192;

    /// <summary>Renders the picture for <paramref name="seed"/> and <paramref name="prompt"/> at the given size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not within 1–<see cref="MaxSide"/>.</exception>
    public static RgbImage Render(long seed, string prompt, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        var image = new RgbImage(width, height);
        var hash = SHA512.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{seed}\n{prompt}")));

        var from = (R: (double)hash[0], G: (double)hash[1], B: (double)hash[2]);
        var to = (R: (double)hash[3], G: (double)hash[4], B: (double)hash[5]);
        // Gradient direction: one of eight, as a vector with small integer parts.
        ReadOnlySpan<(int X, int Y)> directions = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)];
        var (dx, dy) = directions[hash[6] & 7];

        var discCount = 3 + (hash[7] % 3);
        var discs = new (double X, double Y, double Radius, double R, double G, double B)[discCount];
        var shortSide = Math.Min(width, height);
        for (var i = 0; i < discCount; i++)
        {
            var o = 8 + (i * 6);
            discs[i] = (
                hash[o] / 255.0 * width,
                hash[o + 1] / 255.0 * height,
                shortSide * (0.08 + (hash[o + 2] / 255.0 * 0.3)),
                hash[o + 3],
                hash[o + 4],
                hash[o + 5]);
        }

        // Projections of the corners on the direction, to stretch the gradient over the whole picture.
        var p0 = Math.Min(0, dx * (width - 1)) + Math.Min(0, dy * (height - 1));
        var p1 = Math.Max(0, dx * (width - 1)) + Math.Max(0, dy * (height - 1));
        var span = Math.Max(1, p1 - p0);

        var pixels = image.Pixels;
        var offset = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var t = ((dx * x) + (dy * y) - p0) / (double)span;
                var r = from.R + ((to.R - from.R) * t);
                var g = from.G + ((to.G - from.G) * t);
                var b = from.B + ((to.B - from.B) * t);

                foreach (var disc in discs)
                {
                    var ex = x - disc.X;
                    var ey = y - disc.Y;
                    var distance = Math.Sqrt((ex * ex) + (ey * ey));
                    if (distance < disc.Radius)
                    {
                        // Opaque in the middle, fading out over the outer fifth of the radius.
                        var alpha = Math.Min(1.0, (disc.Radius - distance) / (disc.Radius * 0.2));
                        r += (disc.R - r) * alpha * 0.85;
                        g += (disc.G - g) * alpha * 0.85;
                        b += (disc.B - b) * alpha * 0.85;
                    }
                }

                pixels[offset++] = ToByte(r);
                pixels[offset++] = ToByte(g);
                pixels[offset++] = ToByte(b);
            }
        }

        return image;
    }

    /// <summary>Encodes <paramref name="image"/> in <paramref name="format"/> (JPEG, PNG or WebP).</summary>
    /// <exception cref="NotSupportedException">The format is one the emulator cannot write (see <see cref="CanEncode"/>).</exception>
    public static byte[] Encode(RgbImage image, ImageFormat format, int quality = 90) => format switch
    {
        ImageFormat.Png => PngEncoder.Encode(image),
        ImageFormat.Jpeg => JpegEncoder.Encode(image, quality),
        ImageFormat.Webp => WebpEncoder.Encode(image),
        _ => throw new NotSupportedException($"The emulator cannot encode {format.ToWireName()} images."),
    };

    /// <summary>Whether <see cref="Encode"/> writes <paramref name="format"/>; others are served as PNG.</summary>
    public static bool CanEncode(ImageFormat format) => format is ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.Webp;

    private static byte ToByte(double value) => (byte)Math.Clamp((int)(value + 0.5), 0, 255);
}

using System.Security.Cryptography;
using System.Text;
using FluxSpecs.Images;
using SkiaSharp;

namespace FluxSpecs.Emulator.Images;

/// <summary>
/// Renders the emulator's stand-in for a generated image with SkiaSharp: a two-color gradient with soft discs and a
/// photo-like grain, colors and layout taken from a SHA-512 of the seed and the prompt. The same request gives the same
/// bytes, different prompts give visibly different pictures, and the encoded files weigh about what a provider's do
/// (a flat gradient would compress to a few kilobytes and hide download and memory costs).
/// </summary>
internal static class ImageRenderer
{
    /// <summary>The largest side the emulator renders.</summary>
    public const int MaxSide = 8192;

    /// <summary>The quality used for lossy formats when the request names none.</summary>
    public const int DefaultQuality = 90;

    /// <summary>Whether <see cref="Render"/> writes <paramref name="format"/>; others (GIF, AVIF) are served as PNG.</summary>
    public static bool CanEncode(ImageFormat format) => ToSkia(format) is not null;

    /// <summary>Renders the picture for <paramref name="seed"/> and <paramref name="prompt"/> and encodes it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not within 1–<see cref="MaxSide"/>, or the quality not within 0–100.</exception>
    /// <exception cref="NotSupportedException">The format is one the emulator cannot write (see <see cref="CanEncode"/>).</exception>
    public static byte[] Render(long seed, string prompt, int width, int height, ImageFormat format, int quality = DefaultQuality)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        ArgumentOutOfRangeException.ThrowIfNegative(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var encoding = ToSkia(format) ?? throw new NotSupportedException($"The emulator cannot encode {format.ToWireName()} images.");

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"SkiaSharp could not allocate a {width}x{height} surface.");
        Paint(surface.Canvas, Hash(seed, prompt), width, height);
        using var image = surface.Snapshot();
        using var data = image.Encode(encoding, quality);
        return data.ToArray();
    }

    private static byte[] Hash(long seed, string prompt) =>
        SHA512.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{seed}\n{prompt}")));

    private static void Paint(SKCanvas canvas, byte[] hash, int width, int height)
    {
        var bounds = new SKRect(0, 0, width, height);

        // Background: a gradient in one of eight directions between two colors of the hash.
        ReadOnlySpan<(float X, float Y)> directions = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)];
        var (dx, dy) = directions[hash[6] & 7];
        var center = new SKPoint(width / 2f, height / 2f);
        var reach = new SKPoint(dx * width / 2f, dy * height / 2f);
        using (var background = new SKPaint())
        {
            background.Shader = SKShader.CreateLinearGradient(
                center - reach, center + reach, [Color(hash, 0), Color(hash, 3)], SKShaderTileMode.Clamp);
            canvas.DrawRect(bounds, background);
        }

        // Three to five discs, opaque in the middle and fading out over the outer fifth of the radius.
        var shortSide = Math.Min(width, height);
        var discCount = 3 + (hash[7] % 3);
        for (var i = 0; i < discCount; i++)
        {
            var o = 8 + (i * 6);
            var disc = new SKPoint(hash[o] / 255f * width, hash[o + 1] / 255f * height);
            var radius = shortSide * (0.08f + (hash[o + 2] / 255f * 0.3f));
            var color = Color(hash, o + 3);
            using var paint = new SKPaint { IsAntialias = true };
            paint.Shader = SKShader.CreateRadialGradient(
                disc, radius, [color.WithAlpha(217), color.WithAlpha(217), color.WithAlpha(0)], [0f, 0.8f, 1f], SKShaderTileMode.Clamp);
            canvas.DrawCircle(disc, radius, paint);
        }

        // Texture: soft clouds and a fine grain, overlaid so the colors stay. Skia's Perlin shader costs about 0.5 s a
        // megapixel on one core, so the clouds are drawn at a sixteenth of the size and scaled up (they are smooth), and
        // the grain is a small tile of seeded noise repeated: together a few milliseconds a megapixel.
        var noiseSeed = BitConverter.ToUInt16(hash, 40);
        var cloudWidth = Math.Max(1, width / 16);
        var cloudHeight = Math.Max(1, height / 16);
        using (var clouds = SKShader.CreatePerlinNoiseFractalNoise(64f / shortSide, 64f / shortSide, 4, noiseSeed))
        using (var small = SKSurface.Create(new SKImageInfo(cloudWidth, cloudHeight, SKColorType.Rgba8888, SKAlphaType.Premul))!)
        {
            using (var paint = new SKPaint { Shader = clouds })
            {
                small.Canvas.DrawRect(new SKRect(0, 0, cloudWidth, cloudHeight), paint);
            }

            using var image = small.Snapshot();
            using var overlay = new SKPaint { BlendMode = SKBlendMode.Overlay, Color = SKColors.Black.WithAlpha(110) };
            canvas.DrawImage(image, bounds, new SKSamplingOptions(SKFilterMode.Linear), overlay);
        }

        using var grain = Grain(new Random(noiseSeed));
        using var grainPaint = new SKPaint { BlendMode = SKBlendMode.Overlay, Color = SKColors.Black.WithAlpha(40) };
        grainPaint.Shader = grain.ToShader(SKShaderTileMode.Repeat, SKShaderTileMode.Repeat);
        canvas.DrawRect(bounds, grainPaint);
    }

    /// <summary>A 97×89 tile of gray noise (odd sides, so its repeats do not line up with a format's 8- or 16-pixel blocks).</summary>
    private static SKImage Grain(Random random)
    {
        const int TileWidth = 97, TileHeight = 89;
        var pixels = new byte[TileWidth * TileHeight];
        random.NextBytes(pixels);
        return SKImage.FromPixelCopy(new SKImageInfo(TileWidth, TileHeight, SKColorType.Gray8, SKAlphaType.Opaque), pixels, TileWidth);
    }

    private static SKColor Color(byte[] hash, int offset) => new(hash[offset], hash[offset + 1], hash[offset + 2]);

    private static SKEncodedImageFormat? ToSkia(ImageFormat format) => format switch
    {
        ImageFormat.Png => SKEncodedImageFormat.Png,
        ImageFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        ImageFormat.Webp => SKEncodedImageFormat.Webp,
        _ => null,
    };
}

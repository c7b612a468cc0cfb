using FluxSpecs.Emulator.Images;
using FluxSpecs.Images;
using SkiaSharp;

namespace FluxSpecs.Emulator.Tests.Images;

/// <summary>The emulator's stand-in images: deterministic, in the requested format and size, and as heavy as a provider's.</summary>
public sealed class ImageEncodingTests
{
    [Fact]
    public void Rendering_is_deterministic_in_seed_and_prompt()
    {
        var a = ImageRenderer.Render(42, "a lighthouse", 64, 48, ImageFormat.Png);
        var b = ImageRenderer.Render(42, "a lighthouse", 64, 48, ImageFormat.Png);
        var otherSeed = ImageRenderer.Render(43, "a lighthouse", 64, 48, ImageFormat.Png);
        var otherPrompt = ImageRenderer.Render(42, "a lighthouse at dusk", 64, 48, ImageFormat.Png);

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherSeed);
        Assert.NotEqual(a, otherPrompt);
    }

    [Theory]
    [InlineData(ImageFormat.Png, 1, 1)]
    [InlineData(ImageFormat.Png, 37, 21)]
    [InlineData(ImageFormat.Jpeg, 8, 8)]
    [InlineData(ImageFormat.Jpeg, 33, 17)]
    [InlineData(ImageFormat.Webp, 300, 200)]
    [InlineData(ImageFormat.Webp, 1440, 768)]
    public void Each_format_decodes_back_at_the_requested_size(ImageFormat format, int width, int height)
    {
        var bytes = ImageRenderer.Render(5, "size", width, height, format);

        Assert.Equal(format, ImageFormats.Sniff(bytes));
        Assert.Equal((format.ToWireName(), width, height), ImageHeader.Read(bytes));
        using var decoded = SKBitmap.Decode(bytes);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void The_picture_has_the_colors_of_its_hash_not_a_blank_canvas()
    {
        using var decoded = SKBitmap.Decode(ImageRenderer.Render(9, "colors", 256, 256, ImageFormat.Png));

        var colors = new HashSet<SKColor>();
        for (var y = 0; y < decoded.Height; y += 16)
        {
            for (var x = 0; x < decoded.Width; x += 16)
            {
                colors.Add(decoded.GetPixel(x, y));
            }
        }

        Assert.True(colors.Count > 100, $"only {colors.Count} distinct colors in 256 samples");
    }

    [Fact]
    public void Jpeg_quality_changes_the_size()
    {
        var best = ImageRenderer.Render(3, "quality", 256, 256, ImageFormat.Jpeg, quality: 95);
        var worst = ImageRenderer.Render(3, "quality", 256, 256, ImageFormat.Jpeg, quality: 20);

        Assert.True(best.Length > worst.Length, $"q95 {best.Length} B, q20 {worst.Length} B");
    }

    // A provider's 1024x1024 FLUX.2 output weighs roughly 100–400 KB as JPEG or WebP and 1–2 MB as PNG; the bounds leave
    // room on both sides, and fail for a flat picture (a few KB) as for an uncompressed-looking one (3 MB of WebP).
    [Theory]
    [InlineData(ImageFormat.Jpeg, 60, 900)]
    [InlineData(ImageFormat.Webp, 60, 900)]
    [InlineData(ImageFormat.Png, 400, 4000)]
    public void A_megapixel_image_weighs_about_what_a_providers_does(ImageFormat format, int minKilobytes, int maxKilobytes)
    {
        var bytes = ImageRenderer.Render(1, "a red fox in the snow", 1024, 1024, format);

        Assert.InRange(bytes.Length / 1024, minKilobytes, maxKilobytes);
    }

    [Fact]
    public void Gif_and_avif_are_not_encoded_and_are_served_as_png()
    {
        Assert.False(ImageRenderer.CanEncode(ImageFormat.Gif));
        Assert.False(ImageRenderer.CanEncode(ImageFormat.Avif));
        Assert.Throws<NotSupportedException>(() => ImageRenderer.Render(1, "x", 4, 4, ImageFormat.Gif));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, ImageRenderer.MaxSide + 1)]
    public void Sides_out_of_range_are_refused(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageRenderer.Render(1, "x", width, height, ImageFormat.Png));
}

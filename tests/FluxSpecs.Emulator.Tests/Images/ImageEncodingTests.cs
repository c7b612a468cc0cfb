using System.Buffers.Binary;
using System.IO.Compression;
using FluxSpecs.Emulator.Images;
using FluxSpecs.Images;

namespace FluxSpecs.Emulator.Tests.Images;

/// <summary>The renderer and the three encoders the emulator writes without an image library.</summary>
public sealed class ImageEncodingTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Rendering_is_deterministic_in_seed_and_prompt()
    {
        var a = ImageRenderer.Render(42, "a lighthouse", 64, 48);
        var b = ImageRenderer.Render(42, "a lighthouse", 64, 48);
        var otherSeed = ImageRenderer.Render(43, "a lighthouse", 64, 48);
        var otherPrompt = ImageRenderer.Render(42, "a lighthouse at dusk", 64, 48);

        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(a.Pixels, otherSeed.Pixels);
        Assert.NotEqual(a.Pixels, otherPrompt.Pixels);
    }

    [Fact]
    public void Png_decodes_back_to_the_exact_pixels_with_valid_chunk_crcs()
    {
        var image = ImageRenderer.Render(7, "odd size", 37, 21);
        var png = PngEncoder.Encode(image);

        Assert.Equal(("png", 37, 21), ImageHeader.Read(png));
        Assert.Equal(image.Pixels, DecodePng(png, out var chunks));
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(33, 17)]
    [InlineData(1024, 768)]
    public void Jpeg_has_a_baseline_header_with_the_size_and_ends_with_eoi(int width, int height)
    {
        var jpeg = JpegEncoder.Encode(ImageRenderer.Render(1, "jpeg", width, height), 85);

        Assert.Equal(("jpeg", width, height), ImageHeader.Read(jpeg));
        Assert.Equal(ImageFormat.Jpeg, ImageFormats.Sniff(jpeg));
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
    }

    [Fact]
    public void Jpeg_quality_changes_the_size()
    {
        var image = ImageRenderer.Render(3, "quality", 128, 128);

        Assert.True(JpegEncoder.Encode(image, 95).Length > JpegEncoder.Encode(image, 20).Length);
    }

    [Fact]
    public void Webp_is_a_lossless_riff_container_of_the_right_size()
    {
        var webp = WebpEncoder.Encode(ImageRenderer.Render(5, "webp", 300, 200));

        Assert.Equal(ImageFormat.Webp, ImageFormats.Sniff(webp));
        Assert.Equal(("webp", 300, 200), ImageHeader.Read(webp));
        Assert.Equal(webp.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(4)));
        Assert.Equal(0, webp.Length % 2);
    }

    [Fact]
    public void Gif_and_avif_are_not_encoded_and_are_served_as_png()
    {
        Assert.False(ImageRenderer.CanEncode(ImageFormat.Gif));
        Assert.False(ImageRenderer.CanEncode(ImageFormat.Avif));
        Assert.Throws<NotSupportedException>(() => ImageRenderer.Encode(ImageRenderer.Render(1, "x", 4, 4), ImageFormat.Gif));
    }

    /// <summary>A PNG reader for the emulator's own output (8-bit RGB, filters None and Sub), checking every CRC.</summary>
    private static byte[] DecodePng(byte[] png, out List<string> chunks)
    {
        chunks = [];
        var offset = 8;
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length)), Crc32.Compute(png.AsSpan(offset + 4, length + 4)));
            chunks.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal([8, 2, 0, 0, 0], data[8..].ToArray());
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var rows = raw.ToArray();
        var stride = width * 3;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = rows[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                var value = rows[(y * (stride + 1)) + 1 + i];
                var left = i >= 3 ? pixels[(y * stride) + i - 3] : 0;
                pixels[(y * stride) + i] = filter switch
                {
                    0 => value,
                    1 => (byte)(value + left),
                    _ => throw new InvalidOperationException($"Unexpected PNG filter {filter}."),
                };
            }
        }

        return pixels;
    }
}

namespace FluxSpecs.Tests.Images;

public sealed class ImageDimensionsTests
{
    [Fact]
    public void A_gif_header_gives_its_logical_screen_size()
    {
        byte[] gif = [.. "GIF89a"u8, 0x40, 0x01, 0xF0, 0x00, 0, 0, 0];

        Assert.Equal(new ImageSize(320, 240), ImageDimensions.Read(gif));
    }

    [Fact]
    public void A_jpeg_header_gives_the_frame_size_after_other_segments()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x00, 0x03, 0x00, 0x03, 0, 0, 0, 0, 0, 0];

        Assert.Equal(new ImageSize(768, 512), ImageDimensions.Read(jpeg));
    }

    [Fact]
    public void A_lossless_webp_header_gives_its_size()
    {
        // VP8L: 14 bits width-1, 14 bits height-1 after the signature byte 0x2F.
        var bits = (uint)(768 - 1) | ((uint)(512 - 1) << 14);
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "VP8L"u8, 0, 0, 0, 0, 0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), 0, 0, 0, 0, 0];

        Assert.Equal(new ImageSize(768, 512), ImageDimensions.Read(webp));
    }

    [Fact]
    public void Unknown_or_cut_off_headers_give_no_size()
    {
        Assert.Null(ImageDimensions.Read("not an image"u8));
        Assert.Null(ImageDimensions.Read([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Null(ImageDimensions.Read(ImageInput.FromUrl("https://example.com/cat.png")));
    }
}

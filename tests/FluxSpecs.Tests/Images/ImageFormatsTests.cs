namespace FluxSpecs.Tests.Images;

/// <summary>Recognizing image formats by magic bytes, media type and extension.</summary>
public sealed class ImageFormatsTests
{
    public static TheoryData<byte[], ImageFormat> Signatures() => new()
    {
        { SampleRequests.PngBytes, ImageFormat.Png },
        { SampleRequests.JpegBytes, ImageFormat.Jpeg },
        { "GIF87a\x01\x00"u8.ToArray(), ImageFormat.Gif },
        { "GIF89a\x01\x00"u8.ToArray(), ImageFormat.Gif },
        { "RIFF\x24\x00\x00\x00WEBPVP8 "u8.ToArray(), ImageFormat.Webp },
        { [0, 0, 0, 0x1C, .. "ftypavifMA1B"u8], ImageFormat.Avif },
        { [0, 0, 0, 0x1C, .. "ftypavisMA1B"u8], ImageFormat.Avif },
        { SampleRequests.BmpBytes, ImageFormat.Bmp },
        { "II*\x00\x08\x00\x00\x00"u8.ToArray(), ImageFormat.Tiff },
        { "MM\x00*\x00\x00\x00\x08"u8.ToArray(), ImageFormat.Tiff },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Sniff_recognizes_each_formats_magic_bytes(byte[] header, ImageFormat format)
    {
        Assert.Equal(format, ImageFormats.Sniff(header));
    }

    public static TheoryData<byte[]> NotImages() => new()
    {
        Array.Empty<byte>(),
        new byte[] { 0xFF, 0xD8 },
        "RIFF\x24\x00\x00\x00WAVEfmt "u8.ToArray(),
        "RIFF"u8.ToArray(),
        new byte[] { 0, 0, 0, 0x1C, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c' },
        "%PDF-1.7"u8.ToArray(),
        "<svg xmlns="u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Sniff_returns_null_for_bytes_it_does_not_know(byte[] header)
    {
        Assert.Null(ImageFormats.Sniff(header));
    }

    [Theory]
    [InlineData("image/jpeg", ImageFormat.Jpeg)]
    [InlineData("image/jpg", ImageFormat.Jpeg)]
    [InlineData(" IMAGE/PNG ", ImageFormat.Png)]
    [InlineData("image/avif", ImageFormat.Avif)]
    public void Media_types_map_to_formats(string mediaType, ImageFormat format)
    {
        Assert.Equal(format, ImageFormats.FromMediaType(mediaType));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("image/heic")]
    [InlineData("text/plain")]
    public void Unknown_media_types_have_no_format(string? mediaType)
    {
        Assert.Null(ImageFormats.FromMediaType(mediaType));
    }

    [Theory]
    [InlineData(ImageFormat.Jpeg, "jpeg", "image/jpeg")]
    [InlineData(ImageFormat.Webp, "webp", "image/webp")]
    [InlineData(ImageFormat.Bmp, "bmp", "image/bmp")]
    public void Formats_have_card_names_and_media_types(ImageFormat format, string name, string mediaType)
    {
        Assert.Equal(name, format.ToWireName());
        Assert.Equal(mediaType, format.ToMediaType());
    }
}

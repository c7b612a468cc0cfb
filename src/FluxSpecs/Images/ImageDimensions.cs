using System.Buffers.Binary;

namespace FluxSpecs.Images;

/// <summary>
/// Reads an image's size from its header without decoding it: PNG (IHDR), GIF (logical screen), JPEG (the SOFn
/// segment) and WebP (VP8, VP8L, VP8X). Used to price reference images by their real megapixels.
/// </summary>
public static class ImageDimensions
{
    /// <summary>The size in the header of <paramref name="data"/>, or null when the format is unknown or the header is cut off.</summary>
    public static ImageSize? Read(ReadOnlySpan<byte> data) => ImageFormats.Sniff(data) switch
    {
        ImageFormat.Png when data.Length >= 24 => Size(BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..])),
        ImageFormat.Gif when data.Length >= 10 => Size(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..])),
        ImageFormat.Jpeg => Jpeg(data),
        ImageFormat.Webp => Webp(data),
        _ => null,
    };

    /// <summary>The size of an image input whose bytes are at hand (bytes, data URI, or a local file), or null.</summary>
    /// <remarks>Reads at most the first 64 KiB of a file; a URL's size cannot be known without downloading it.</remarks>
    public static ImageSize? Read(ImageInput image)
    {
        ArgumentNullException.ThrowIfNull(image);
        switch (image.Kind)
        {
            case ImageSourceKind.Bytes:
                return Read(image.Data.Span);
            case ImageSourceKind.File when File.Exists(image.FilePath):
                using (var file = File.OpenRead(image.FilePath!))
                {
                    var buffer = new byte[(int)Math.Min(file.Length, 64 * 1024)];
                    file.ReadExactly(buffer);
                    return Read(buffer);
                }

            default:
                return null;
        }
    }

    private static ImageSize? Jpeg(ReadOnlySpan<byte> data)
    {
        var offset = 2;
        while (offset + 9 < data.Length)
        {
            if (data[offset] != 0xFF)
            {
                return null;
            }

            var marker = data[offset + 1];
            if (marker == 0xFF)
            {
                offset++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);

            // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Size(BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 5)..]));
            }

            offset += 2 + length;
        }

        return null;
    }

    private static ImageSize? Webp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return null;
        }

        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8))
        {
            return Size(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Size((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return Size(ReadUInt24(data[24..]) + 1, ReadUInt24(data[27..]) + 1);
        }

        return null;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);

    private static ImageSize? Size(int width, int height) => width > 0 && height > 0 ? new ImageSize(width, height) : null;
}

namespace FluxSpecs.Images;

/// <summary>Names, media types, file extensions and magic bytes of <see cref="ImageFormat"/>s.</summary>
public static class ImageFormats
{
    /// <summary>The card's name of the format (<c>jpeg</c>, <c>png</c> …).</summary>
    public static string ToWireName(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpeg",
        ImageFormat.Png => "png",
        ImageFormat.Gif => "gif",
        ImageFormat.Webp => "webp",
        ImageFormat.Avif => "avif",
        ImageFormat.Bmp => "bmp",
        ImageFormat.Tiff => "tiff",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };

    /// <summary>The format's media type (<c>image/jpeg</c> …).</summary>
    public static string ToMediaType(this ImageFormat format) => "image/" + format.ToWireName();

    /// <summary>The format of a media type such as <c>image/png</c>, or null when it is not an image format we know.</summary>
    public static ImageFormat? FromMediaType(string? mediaType) => mediaType?.Trim().ToLowerInvariant() switch
    {
        "image/jpeg" or "image/jpg" or "image/pjpeg" => ImageFormat.Jpeg,
        "image/png" => ImageFormat.Png,
        "image/gif" => ImageFormat.Gif,
        "image/webp" => ImageFormat.Webp,
        "image/avif" => ImageFormat.Avif,
        "image/bmp" => ImageFormat.Bmp,
        "image/tiff" => ImageFormat.Tiff,
        _ => null,
    };

    /// <summary>The format a file name or URL path suggests by its extension, or null.</summary>
    public static ImageFormat? FromExtension(string? path) => Path.GetExtension(path)?.ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" or ".jfif" => ImageFormat.Jpeg,
        ".png" => ImageFormat.Png,
        ".gif" => ImageFormat.Gif,
        ".webp" => ImageFormat.Webp,
        ".avif" => ImageFormat.Avif,
        ".bmp" => ImageFormat.Bmp,
        ".tif" or ".tiff" => ImageFormat.Tiff,
        _ => null,
    };

    /// <summary>The format the first bytes of an image show, or null when they match no known signature.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }

        if (header.Length >= 12 && header.Slice(4, 4).SequenceEqual("ftyp"u8) && (header.Slice(8, 4).SequenceEqual("avif"u8) || header.Slice(8, 4).SequenceEqual("avis"u8)))
        {
            return ImageFormat.Avif;
        }

        if (header.StartsWith("BM"u8))
        {
            return ImageFormat.Bmp;
        }

        return header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8) ? ImageFormat.Tiff : null;
    }
}

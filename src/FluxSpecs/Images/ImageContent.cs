using System.Globalization;

namespace FluxSpecs.Images;

/// <summary>
/// Checks that a reference image is what it claims before it is sent: bytes that are an image at all (by their magic
/// bytes), of the format their media type or file extension declares, and not larger than <see cref="MaxBytes"/>.
/// </summary>
/// <remarks>
/// A provider given a file that is not the image it claims answers with an error at best, and at worst the bytes (a
/// document, an archive) are uploaded to a third party. The check runs when a payload is made, so nothing is sent.
/// </remarks>
public static class ImageContent
{
    /// <summary>
    /// The largest reference image read: 50 MiB. Providers document lower limits or none; this bound keeps a wrong path
    /// (a disk image, a video) from being read into memory and base64-encoded.
    /// </summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>How many leading bytes identify a format.</summary>
    internal const int HeaderLength = 64;

    /// <summary>What is wrong with an image whose first bytes are <paramref name="head"/>, or null when nothing is.</summary>
    /// <param name="declared">The format the image claims (media type or extension), or null when it claims none.</param>
    /// <param name="head">At least the first <see cref="HeaderLength"/> bytes, or all of them when fewer.</param>
    /// <param name="length">The image's size in bytes.</param>
    public static string? Problem(ImageFormat? declared, ReadOnlySpan<byte> head, long length)
    {
        if (length == 0)
        {
            return "is empty";
        }

        if (length > MaxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is {length} bytes, more than the {MaxBytes / 1024 / 1024} MiB a reference image may have");
        }

        var sniffed = ImageFormats.Sniff(head);
        if (sniffed is null)
        {
            return declared is { } claimed
                ? $"claims to be {claimed.ToWireName()}, but its bytes are not an image"
                : "is not an image: its first bytes match no image format (jpeg, png, gif, webp, avif, bmp, tiff)";
        }

        return declared is { } expected && expected != sniffed
            ? $"claims to be {expected.ToWireName()}, but its bytes are {sniffed.Value.ToWireName()}"
            : null;
    }
}

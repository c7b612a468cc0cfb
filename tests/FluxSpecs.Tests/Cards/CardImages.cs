using System.Buffers.Binary;

namespace FluxSpecs.Tests.Cards;

/// <summary>Reference images of a known size for the per-card tests: prices count their megapixels from the header.</summary>
internal static class CardImages
{
    /// <summary>The first bytes of a PNG of the given size: enough for its signature and header to be read.</summary>
    public static ImageInput Png(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 2;
        return ImageInput.FromBytes(bytes);
    }

    /// <summary>The base64 of <see cref="Png"/>'s bytes, as a base64 encoding writes them.</summary>
    public static string Base64(ImageInput image) => Convert.ToBase64String(image.Data.Span);
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace FluxSpecs.Emulator.Images;

/// <summary>Writes an <see cref="RgbImage"/> as a PNG (8-bit truecolor, no interlace), compressed with the BCL's zlib.</summary>
internal static class PngEncoder
{
    /// <summary>The PNG signature every file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="image"/>.</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // color type: truecolor
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);
        WriteChunk(output, "IDAT"u8, Compress(image));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static byte[] Compress(RgbImage image)
    {
        var stride = image.Width * 3;
        var row = new byte[stride + 1];
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < image.Height; y++)
            {
                // Filter "Sub" (1): each byte minus the same channel of the pixel to its left. The pictures are smooth,
                // so this turns rows into runs of small numbers that deflate well.
                var source = image.Pixels.AsSpan(y * stride, stride);
                row[0] = 1;
                for (var i = 0; i < stride; i++)
                {
                    row[i + 1] = (byte)(source[i] - (i >= 3 ? source[i - 3] : 0));
                }

                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Append(Crc32.Compute(type), data));
        output.Write(number);
    }
}

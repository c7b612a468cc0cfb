using System.Buffers.Binary;

namespace FluxSpecs.Emulator.Tests.Infrastructure;

/// <summary>Reads the format and size of an image from its header bytes, as a client would check a download.</summary>
public static class ImageHeader
{
    public static (string Format, int Width, int Height) Read(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
            return ("png", BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }

        if (bytes is [0xFF, 0xD8, 0xFF, ..])
        {
            var i = 2;
            while (i + 9 < bytes.Length)
            {
                Assert.Equal(0xFF, bytes[i]);
                var marker = bytes[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 2));
                if (marker is 0xC0 or 0xC1 or 0xC2)
                {
                    return ("jpeg", BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 5)));
                }

                i += 2 + length;
            }

            throw new InvalidOperationException("JPEG without a SOF marker.");
        }

        if (bytes.Length > 29 && Encoding.ASCII.GetString(bytes, 0, 4) == "RIFF" && Encoding.ASCII.GetString(bytes, 8, 4) == "WEBP")
        {
            switch (Encoding.ASCII.GetString(bytes, 12, 4))
            {
                case "VP8L":
                    Assert.Equal(0x2F, bytes[20]);
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(21));
                    return ("webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
                case "VP8 ":
                    // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
                    Assert.Equal([0x9D, 0x01, 0x2A], bytes[23..26]);
                    return ("webp", BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26)) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28)) & 0x3FFF);
                case "VP8X":
                    return ("webp", (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)) + 1, (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16)) + 1);
            }
        }

        throw new InvalidOperationException("Not a PNG, JPEG or WebP.");
    }
}

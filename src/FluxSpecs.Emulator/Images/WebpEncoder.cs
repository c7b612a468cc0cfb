using System.Buffers.Binary;

namespace FluxSpecs.Emulator.Images;

/// <summary>
/// A minimal lossless WebP (VP8L) encoder: no transforms, no color cache, and fixed 8-bit prefix codes for green, red
/// and blue (alpha is the constant 255). The files are large (about three bytes a pixel) but are valid WebP that any
/// decoder reads, which is what an emulator needs.
/// </summary>
internal static class WebpEncoder
{
    private const int MaxSide = 16384;

    /// <summary>Encodes <paramref name="image"/>.</summary>
    /// <exception cref="ArgumentException">A side is over 16384 pixels, the VP8L limit.</exception>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width > MaxSide || image.Height > MaxSide)
        {
            throw new ArgumentException("WebP sides are at most 16384 pixels.", nameof(image));
        }

        var bits = new LsbBitWriter((image.Width * image.Height * 3) + 256);
        bits.Write(0x2F, 8);              // VP8L signature
        bits.Write(image.Width - 1, 14);
        bits.Write(image.Height - 1, 14);
        bits.Write(0, 1);                 // alpha is not used
        bits.Write(0, 3);                 // version 0
        bits.Write(0, 1);                 // no transform
        bits.Write(0, 1);                 // no color cache
        bits.Write(0, 1);                 // one prefix-code group for the whole image

        WriteEightBitCode(ref bits, alphabetSize: 256 + 24); // green, plus the 24 length prefixes (never used)
        WriteEightBitCode(ref bits, alphabetSize: 256);      // red
        WriteEightBitCode(ref bits, alphabetSize: 256);      // blue
        WriteSingleSymbolCode(ref bits, 255);                // alpha: always opaque, costs no bits per pixel
        WriteSingleSymbolCode(ref bits, 0);                  // distance: never used

        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            // Canonical codes of equal length are the symbols themselves; VP8L reads code bits first-bit-first, so the
            // code goes out most significant bit first, i.e. bit-reversed into the LSB-first stream.
            bits.Write(Reverse(pixels[i + 1]), 8);
            bits.Write(Reverse(pixels[i]), 8);
            bits.Write(Reverse(pixels[i + 2]), 8);
        }

        var data = bits.ToArray();
        var padding = data.Length & 1;
        var file = new byte[20 + data.Length + padding];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        "WEBPVP8L"u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), (uint)data.Length);
        data.CopyTo(file.AsSpan(20));
        return file;
    }

    private static void WriteEightBitCode(ref LsbBitWriter bits, int alphabetSize)
    {
        bits.Write(0, 1); // a normal (not simple) prefix code

        // The code-length code has two symbols of length 1: 0 (code 0) and 8 (code 1). Its lengths are sent in the
        // order 17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, …; 8 is the twelfth, so twelve lengths are sent.
        ReadOnlySpan<int> order = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8];
        bits.Write(order.Length - 4, 4);
        foreach (var symbol in order)
        {
            bits.Write(symbol is 0 or 8 ? 1 : 0, 3);
        }

        bits.Write(0, 1); // lengths follow for every symbol of the alphabet
        for (var symbol = 0; symbol < alphabetSize; symbol++)
        {
            bits.Write(symbol < 256 ? 1 : 0, 1); // length 8 for the 256 literals, 0 for the rest
        }
    }

    private static void WriteSingleSymbolCode(ref LsbBitWriter bits, int symbol)
    {
        bits.Write(1, 1); // simple code
        bits.Write(0, 1); // one symbol
        if (symbol < 2)
        {
            bits.Write(0, 1);
            bits.Write(symbol, 1);
        }
        else
        {
            bits.Write(1, 1);
            bits.Write(symbol, 8);
        }
    }

    private static int Reverse(byte value)
    {
        var v = (uint)value;
        v = ((v & 0xF0) >> 4) | ((v & 0x0F) << 4);
        v = ((v & 0xCC) >> 2) | ((v & 0x33) << 2);
        v = ((v & 0xAA) >> 1) | ((v & 0x55) << 1);
        return (int)v;
    }

    private struct LsbBitWriter(int capacity)
    {
        private readonly MemoryStream _output = new(capacity);
        private ulong _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            _buffer |= (ulong)(uint)value << _count;
            _count += length;
            while (_count >= 8)
            {
                _output.WriteByte((byte)_buffer);
                _buffer >>= 8;
                _count -= 8;
            }
        }

        public readonly byte[] ToArray()
        {
            if (_count > 0)
            {
                _output.WriteByte((byte)_buffer);
            }

            return _output.ToArray();
        }
    }
}

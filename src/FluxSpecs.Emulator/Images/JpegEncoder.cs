namespace FluxSpecs.Emulator.Images;

/// <summary>
/// A small baseline JPEG encoder (JFIF, YCbCr 4:4:4, the standard Annex K quantization and Huffman tables), enough to
/// serve <c>output_format: jpeg</c> with real JPEG bytes any decoder reads.
/// </summary>
internal static class JpegEncoder
{
    private static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    private static readonly byte[] LuminanceQuantization =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private static readonly byte[] ChrominanceQuantization =
    [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ];

    private static readonly byte[] DcLuminanceBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DcChrominanceBits = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    private static readonly byte[] DcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly byte[] AcLuminanceBits = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
    private static readonly byte[] AcChrominanceBits = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];

    private static readonly byte[] AcLuminanceValues =
    [
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    private static readonly byte[] AcChrominanceValues =
    [
        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
        0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
        0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
        0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
        0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
        0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
        0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
        0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    private static readonly HuffmanTable DcLuminance = new(DcLuminanceBits, DcValues);
    private static readonly HuffmanTable DcChrominance = new(DcChrominanceBits, DcValues);
    private static readonly HuffmanTable AcLuminance = new(AcLuminanceBits, AcLuminanceValues);
    private static readonly HuffmanTable AcChrominance = new(AcChrominanceBits, AcChrominanceValues);

    // Cosines of the 8-point DCT-II with its normalization folded in: Basis[u, x] = C(u)/2 · cos((2x+1)uπ/16).
    private static readonly double[] Basis = BuildBasis();

    /// <summary>Encodes <paramref name="image"/> at <paramref name="quality"/> (1–100, IJG scale).</summary>
    public static byte[] Encode(RgbImage image, int quality = 90)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width > ushort.MaxValue || image.Height > ushort.MaxValue)
        {
            throw new ArgumentException("JPEG sides are at most 65535 pixels.", nameof(image));
        }

        var luminance = ScaleQuantization(LuminanceQuantization, quality);
        var chrominance = ScaleQuantization(ChrominanceQuantization, quality);

        using var output = new MemoryStream();
        WriteHeaders(output, image, luminance, chrominance);

        var writer = new BitWriter(output);
        Span<double> y = stackalloc double[64];
        Span<double> cb = stackalloc double[64];
        Span<double> cr = stackalloc double[64];
        Span<double> scratch = stackalloc double[64];
        Span<int> coefficients = stackalloc int[64];
        int previousY = 0, previousCb = 0, previousCr = 0;

        for (var blockY = 0; blockY < image.Height; blockY += 8)
        {
            for (var blockX = 0; blockX < image.Width; blockX += 8)
            {
                LoadBlock(image, blockX, blockY, y, cb, cr);
                previousY = EncodeBlock(writer, y, scratch, coefficients, luminance, previousY, DcLuminance, AcLuminance);
                previousCb = EncodeBlock(writer, cb, scratch, coefficients, chrominance, previousCb, DcChrominance, AcChrominance);
                previousCr = EncodeBlock(writer, cr, scratch, coefficients, chrominance, previousCr, DcChrominance, AcChrominance);
            }
        }

        writer.Flush();
        output.Write([0xFF, 0xD9]); // EOI
        return output.ToArray();
    }

    private static int[] ScaleQuantization(byte[] table, int quality)
    {
        quality = Math.Clamp(quality, 1, 100);
        var scale = quality < 50 ? 5000 / quality : 200 - (quality * 2);
        var result = new int[64];
        for (var i = 0; i < 64; i++)
        {
            result[i] = Math.Clamp(((table[i] * scale) + 50) / 100, 1, 255);
        }

        return result;
    }

    private static void WriteHeaders(Stream output, RgbImage image, int[] luminance, int[] chrominance)
    {
        output.Write([0xFF, 0xD8]); // SOI
        // APP0 JFIF 1.01, no density, no thumbnail.
        output.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);

        // DQT: two 8-bit tables, in zigzag order.
        output.Write([0xFF, 0xDB, 0x00, 0x84]);
        output.WriteByte(0x00);
        foreach (var index in ZigZag)
        {
            output.WriteByte((byte)luminance[index]);
        }

        output.WriteByte(0x01);
        foreach (var index in ZigZag)
        {
            output.WriteByte((byte)chrominance[index]);
        }

        // SOF0: baseline, 8-bit, three components without subsampling.
        output.Write([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        output.Write([(byte)(image.Height >> 8), (byte)image.Height, (byte)(image.Width >> 8), (byte)image.Width]);
        output.Write([0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);

        WriteHuffmanTable(output, 0x00, DcLuminanceBits, DcValues);
        WriteHuffmanTable(output, 0x10, AcLuminanceBits, AcLuminanceValues);
        WriteHuffmanTable(output, 0x01, DcChrominanceBits, DcValues);
        WriteHuffmanTable(output, 0x11, AcChrominanceBits, AcChrominanceValues);

        // SOS: Y uses tables 0/0, Cb and Cr 1/1; spectral selection 0–63, no successive approximation.
        output.Write([0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]);
    }

    private static void WriteHuffmanTable(Stream output, byte classAndId, byte[] bits, byte[] values)
    {
        var length = 2 + 1 + 16 + values.Length;
        output.Write([0xFF, 0xC4, (byte)(length >> 8), (byte)length, classAndId]);
        output.Write(bits);
        output.Write(values);
    }

    private static void LoadBlock(RgbImage image, int blockX, int blockY, Span<double> y, Span<double> cb, Span<double> cr)
    {
        var pixels = image.Pixels;
        for (var row = 0; row < 8; row++)
        {
            // Blocks past the edge repeat the last row and column, which keeps edge artefacts small.
            var sourceY = Math.Min(blockY + row, image.Height - 1);
            for (var column = 0; column < 8; column++)
            {
                var sourceX = Math.Min(blockX + column, image.Width - 1);
                var offset = ((sourceY * image.Width) + sourceX) * 3;
                double r = pixels[offset], g = pixels[offset + 1], b = pixels[offset + 2];
                var i = (row * 8) + column;
                y[i] = (0.299 * r) + (0.587 * g) + (0.114 * b) - 128;
                cb[i] = (-0.168736 * r) - (0.331264 * g) + (0.5 * b);
                cr[i] = (0.5 * r) - (0.418688 * g) - (0.081312 * b);
            }
        }
    }

    private static int EncodeBlock(
        BitWriter writer,
        Span<double> block,
        Span<double> scratch,
        Span<int> coefficients,
        int[] quantization,
        int previousDc,
        HuffmanTable dc,
        HuffmanTable ac)
    {
        // Rows, then columns: scratch[y, u] = Σx Basis[u, x]·f[y, x]; F[v, u] = Σy Basis[v, y]·scratch[y, u].
        for (var row = 0; row < 8; row++)
        {
            for (var u = 0; u < 8; u++)
            {
                double sum = 0;
                for (var x = 0; x < 8; x++)
                {
                    sum += Basis[(u * 8) + x] * block[(row * 8) + x];
                }

                scratch[(row * 8) + u] = sum;
            }
        }

        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                double sum = 0;
                for (var row = 0; row < 8; row++)
                {
                    sum += Basis[(v * 8) + row] * scratch[(row * 8) + u];
                }

                var natural = (v * 8) + u;
                coefficients[natural] = (int)Math.Round(sum / quantization[natural], MidpointRounding.AwayFromZero);
            }
        }

        var dcValue = coefficients[0];
        WriteValue(writer, dc, 0, dcValue - previousDc);

        var run = 0;
        for (var k = 1; k < 64; k++)
        {
            var value = coefficients[ZigZag[k]];
            if (value == 0)
            {
                run++;
                continue;
            }

            while (run > 15)
            {
                writer.Write(ac.Codes[0xF0], ac.Lengths[0xF0]); // ZRL: sixteen zeros
                run -= 16;
            }

            WriteValue(writer, ac, run, value);
            run = 0;
        }

        if (run > 0)
        {
            writer.Write(ac.Codes[0x00], ac.Lengths[0x00]); // EOB
        }

        return dcValue;
    }

    private static void WriteValue(BitWriter writer, HuffmanTable table, int run, int value)
    {
        var magnitude = Math.Abs(value);
        var size = 0;
        while (magnitude > 0)
        {
            size++;
            magnitude >>= 1;
        }

        var symbol = (run << 4) | size;
        writer.Write(table.Codes[symbol], table.Lengths[symbol]);
        if (size > 0)
        {
            // Negative values are sent as value - 1 in size bits (ones' complement of the magnitude).
            writer.Write(value > 0 ? value : value + (1 << size) - 1, size);
        }
    }

    private static double[] BuildBasis()
    {
        var basis = new double[64];
        for (var u = 0; u < 8; u++)
        {
            var c = u == 0 ? 1 / Math.Sqrt(2) : 1.0;
            for (var x = 0; x < 8; x++)
            {
                basis[(u * 8) + x] = c / 2 * Math.Cos(((2 * x) + 1) * u * Math.PI / 16);
            }
        }

        return basis;
    }

    private sealed class HuffmanTable
    {
        public HuffmanTable(byte[] bits, byte[] values)
        {
            // Canonical codes: within each length, consecutive values; the next length starts at (last + 1) << 1.
            var code = 0;
            var k = 0;
            for (var length = 1; length <= 16; length++)
            {
                for (var i = 0; i < bits[length - 1]; i++)
                {
                    Codes[values[k]] = code;
                    Lengths[values[k]] = length;
                    code++;
                    k++;
                }

                code <<= 1;
            }
        }

        public int[] Codes { get; } = new int[256];

        public int[] Lengths { get; } = new int[256];
    }

    private sealed class BitWriter(Stream output)
    {
        private readonly Stream _output = output;
        private int _buffer;
        private int _count;

        public void Write(int bits, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((bits >> i) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            // Pad the last byte with ones, as the standard asks.
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            var value = (byte)_buffer;
            _output.WriteByte(value);
            if (value == 0xFF)
            {
                _output.WriteByte(0x00); // byte stuffing: a data 0xFF is never read as a marker
            }

            _buffer = 0;
            _count = 0;
        }
    }
}

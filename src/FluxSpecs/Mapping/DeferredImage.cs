using System.Buffers;
using System.Buffers.Text;
using FluxSpecs.Images;

namespace FluxSpecs.Mapping;

/// <summary>
/// An image whose base64 belongs inside a JSON string of a body but is not in the body's bytes: it is encoded while the
/// body is sent, a chunk at a time, so sending images costs the same small buffers whatever their size.
/// </summary>
/// <param name="Offset">Where in the JSON bytes the text goes: just after the opening quote of its (empty) string.</param>
/// <param name="Image">The image: bytes in memory or a local file.</param>
/// <param name="Prefix">ASCII text written before the base64 (<c>data:image/png;base64,</c>), or empty.</param>
/// <param name="Length">The image's size in bytes when the payload was made; a file of another size when sent is an error.</param>
internal sealed record DeferredImage(int Offset, ImageInput Image, string Prefix, long Length)
{
    /// <summary>Bytes of input encoded per chunk (a multiple of 3, so chunks join without padding).</summary>
    private const int ChunkBytes = 3 * 16 * 1024;

    /// <summary>The number of bytes this image adds to the body: its prefix and its base64.</summary>
    public long EncodedLength => Prefix.Length + (Length + 2) / 3 * 4;

    /// <summary>Writes the prefix and the base64 of the image to <paramref name="destination"/>.</summary>
    /// <exception cref="IOException">A file's size changed since the payload was made.</exception>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var output = ArrayPool<byte>.Shared.Rent(Math.Max(Prefix.Length, Base64.GetMaxEncodedToUtf8Length(ChunkBytes)));
        try
        {
            var prefixLength = System.Text.Encoding.ASCII.GetBytes(Prefix, output);
            await destination.WriteAsync(output.AsMemory(0, prefixLength), cancellationToken).ConfigureAwait(false);
            if (Image.Kind != ImageSourceKind.File)
            {
                for (var start = 0; start < Image.Data.Length; start += ChunkBytes)
                {
                    var chunk = Image.Data.Slice(start, Math.Min(ChunkBytes, Image.Data.Length - start));
                    var encoded = Encode(chunk.Span, output, final: start + chunk.Length == Image.Data.Length);
                    await destination.WriteAsync(output.AsMemory(0, encoded), cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var input = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                await using var file = new FileStream(Image.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
                long total = 0;
                while (true)
                {
                    var read = await file.ReadAtLeastAsync(input.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    total += read;
                    var final = read < ChunkBytes;
                    var encoded = Encode(input.AsSpan(0, read), output, final);
                    await destination.WriteAsync(output.AsMemory(0, encoded), cancellationToken).ConfigureAwait(false);
                    if (final)
                    {
                        break;
                    }
                }

                if (total != Length)
                {
                    throw new IOException($"{Image.FilePath} was {Length} bytes when the payload was made but is {total} bytes now; make the payload again.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(input);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static int Encode(ReadOnlySpan<byte> chunk, byte[] output, bool final)
    {
        Base64.EncodeToUtf8(chunk, output, out _, out var written, isFinalBlock: final);
        return written;
    }
}

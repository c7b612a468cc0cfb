using Microsoft.Win32.SafeHandles;

namespace FluxSpecs.Batches;

/// <summary>
/// Keeps each row's <c>results.jsonl</c> line on disk from the moment the row ends (in the order rows end), and writes
/// <c>results.jsonl</c> in input order at the end, so that a run holds twelve bytes per row (where its line lies) rather
/// than its result. Thread-safe: rows end on many threads at once. The spool is deleted when disposed.
/// </summary>
internal sealed class BatchResultsSpool : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long[] _offsets;
    private readonly int[] _lengths;
    private long _end;

    public BatchResultsSpool(string path, int rows)
    {
        _file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        _offsets = new long[rows];
        _lengths = new int[rows];
        Array.Fill(_lengths, -1);
    }

    /// <summary>Keeps the line of the row at <paramref name="index"/> of the input.</summary>
    public async Task AddAsync(int index, BatchRowResult result, CancellationToken cancellationToken)
    {
        var line = BatchResultsFile.Line(result);
        var at = Interlocked.Add(ref _end, line.Length) - line.Length;
        await RandomAccess.WriteAsync(_file, line, at, cancellationToken).ConfigureAwait(false);
        _offsets[index] = at;
        Volatile.Write(ref _lengths[index], line.Length);
    }

    /// <summary>Writes every row's line to <paramref name="path"/> in input order (beside it first, then moved over, so that a reader never sees half a file).</summary>
    /// <exception cref="InvalidOperationException">A row has no line (it never ended).</exception>
    public async Task WriteInOrderAsync(string path, CancellationToken cancellationToken)
    {
        var partial = path + ".part";
        var buffer = new byte[4096];
        await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            for (var i = 0; i < _offsets.Length; i++)
            {
                var length = Volatile.Read(ref _lengths[i]);
                if (length < 0)
                {
                    throw new InvalidOperationException($"Row {i} of the batch has no result; results.jsonl is written only when every row ended.");
                }

                if (buffer.Length < length)
                {
                    buffer = new byte[Math.Max(length, buffer.Length * 2)];
                }

                var line = buffer.AsMemory(0, length);
                var read = 0;
                while (read < length)
                {
                    var count = await RandomAccess.ReadAsync(_file, line[read..], _offsets[i] + read, cancellationToken).ConfigureAwait(false);
                    read += count > 0 ? count : throw new IOException($"The results spool ended inside row {i}'s line.");
                }

                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(partial, path, overwrite: true);
    }

    public void Dispose() => _file.Dispose();
}

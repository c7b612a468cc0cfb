using System.Buffers;
using System.Collections;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using FluxSpecs.Batches;
using Microsoft.Win32.SafeHandles;

namespace FluxSpecs.Cli.Requests;

/// <summary>
/// <c>fluxspecs batch --input</c> as a list of rows that reads each row from the file when asked: JSON Lines, each
/// <c>{"id", "model", "provider" (optional: an id, a list of ids as an array or as <c>"a,b"</c>, or <c>"cheapest"</c>),
/// "deadline" (optional: <c>"90s"</c>, <c>"5m"</c>, or a number of seconds), "request": {card parameters}}</c>.
/// Opening reads every line once: a line that is not such an object is a usage error naming the line, before anything
/// is sent; the parameters' values are checked by the runner, row by row. Only where each row's line lies is kept
/// (sixteen bytes a row), so that a batch of any size is held in the same memory; standard input is copied to a
/// temporary file first, deleted when the list is disposed. Thread-safe: the runner reads rows on several threads.
/// </summary>
internal sealed class BatchInputFile : IReadOnlyList<BatchRow>, IDisposable
{
    private static readonly string[] Keys = ["id", "model", "provider", "deadline", "request"];

    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly List<long> _offsets = [];
    private readonly List<int> _lengths = [];
    private readonly List<int> _lineNumbers = [];

    private BatchInputFile(FileStream file, string path)
    {
        _file = file;
        _path = path;

        // Taken once: FileStream.SafeFileHandle syncs the stream's own position, which is not safe from many threads.
        _handle = file.SafeFileHandle;
    }

    /// <summary>What each row becomes when read (the CLI's default provider, the emulated provider of <c>local</c>).</summary>
    public Func<BatchRow, BatchRow> Resolve { get; set; } = row => row;

    public int Count => _offsets.Count;

    public BatchRow this[int index]
    {
        get
        {
            var buffer = ArrayPool<byte>.Shared.Rent(_lengths[index]);
            try
            {
                var line = buffer.AsSpan(0, _lengths[index]);
                var read = 0;
                while (read < line.Length)
                {
                    var count = RandomAccess.Read(_handle, line[read..], _offsets[index] + read);
                    read += count > 0 ? count : throw Changed(index);
                }

                BatchRow row;
                try
                {
                    row = Row(new ReadOnlySequence<byte>(buffer, 0, line.Length), _lineNumbers[index]);
                }
                catch (UsageException)
                {
                    throw Changed(index);
                }

                return Resolve(row);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> (<c>-</c> for <paramref name="stdin"/>) and checks every line, giving each row read
    /// to <paramref name="eachRow"/> once, in order (it may throw a <see cref="UsageException"/> of its own).
    /// </summary>
    public static async Task<BatchInputFile> OpenAsync(string path, TextReader stdin, Action<BatchRow> eachRow, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = path == "-" ? await CopyAsync(stdin, cancellationToken).ConfigureAwait(false) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--input: cannot read '{path}': {e.Message}");
        }

        var input = new BatchInputFile(file, path);
        try
        {
            await input.ScanAsync(eachRow, cancellationToken).ConfigureAwait(false);
            return input.Count > 0 ? input : throw new UsageException($"--input: '{path}' has no rows; give one JSON object per line.");
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    public IEnumerator<BatchRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => _file.Dispose();

    /// <summary>Standard input in a temporary file of its own (deleted on close), so that rows can be read again by where they lie.</summary>
    private static async Task<FileStream> CopyAsync(TextReader stdin, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "fluxspecs-batch-input-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await using (var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true))
            {
                var chunk = new char[16 * 1024];
                int count;
                while ((count = await stdin.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await writer.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                }
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the file line by line (a line is never held longer than it takes to check it) and notes where each row lies.</summary>
    private async Task ScanAsync(Action<BatchRow> eachRow, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_file, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        long start = 0; // where the unread part of the buffer lies in the file
        var number = 0;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new SequenceReader<byte>(read.Buffer);
            while (true)
            {
                var at = buffer.Consumed;
                ReadOnlySequence<byte> line;
                if (!buffer.TryReadTo(out line, (byte)'\n'))
                {
                    if (!read.IsCompleted || buffer.End)
                    {
                        break;
                    }

                    // The last line, without a line break.
                    line = buffer.UnreadSequence;
                    buffer.AdvanceToEnd();
                }

                number++;
                Add(start + at, line, number, eachRow);
            }

            start += buffer.Consumed;
            reader.AdvanceTo(buffer.Position, read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await reader.CompleteAsync().ConfigureAwait(false);
    }

    private void Add(long offset, ReadOnlySequence<byte> line, int number, Action<BatchRow> eachRow)
    {
        if (offset == 0 && line.Length >= 3 && line.Slice(0, 3).ToArray() is [0xEF, 0xBB, 0xBF])
        {
            // A UTF-8 byte order mark is not part of the first row.
            offset += 3;
            line = line.Slice(3);
        }

        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (IsBlank(line))
        {
            return;
        }

        if (line.Length > int.MaxValue / 2)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--input line {number}: the line is {line.Length} bytes long; a row must be under 1 GiB."));
        }

        eachRow(Row(line, number));
        _offsets.Add(offset);
        _lengths.Add((int)line.Length);
        _lineNumbers.Add(number);
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A row read again did not parse as it did when the file was opened.</summary>
    private UsageException Changed(int index) => new(string.Create(CultureInfo.InvariantCulture,
        $"--input: '{_path}' changed while the batch ran (line {_lineNumbers[index]} no longer reads as it did); nothing more is started. Run the same command again to resume."));

    private static BatchRow Row(ReadOnlySequence<byte> line, int number)
    {
        string Where(string message) => string.Create(CultureInfo.InvariantCulture, $"--input line {number}: {message}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new UsageException(Where("not valid JSON: " + e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException(Where("a row is a JSON object {\"id\", \"model\", \"provider\", \"request\"}."));
            }

            foreach (var property in root.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
            {
                throw new UsageException(Where($"unknown key '{property.Name}'; a row has {string.Join(", ", Keys)}."));
            }

            var id = Text(root, "id", Where) ?? throw new UsageException(Where("\"id\" is required: each row needs its own id."));
            var model = Text(root, "model", Where) ?? throw new UsageException(Where("\"model\" is required."));
            string? provider;
            if (root.TryGetProperty("provider", out var providerValue) && providerValue.ValueKind == JsonValueKind.Array)
            {
                // An ordered failover list: the same choice as "bfl,fal".
                if (providerValue.GetArrayLength() == 0 || providerValue.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()) || item.GetString()!.Contains(',', StringComparison.Ordinal)))
                {
                    throw new UsageException(Where("\"provider\" as a list must hold provider ids as strings, tried in order, such as [\"bfl\", \"fal\"]."));
                }

                provider = string.Join(",", providerValue.EnumerateArray().Select(item => item.GetString()));
            }
            else
            {
                provider = Text(root, "provider", Where);
            }

            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (root.TryGetProperty("request", out var request) && request.ValueKind != JsonValueKind.Null)
            {
                if (request.ValueKind != JsonValueKind.Object)
                {
                    throw new UsageException(Where("\"request\" must be a JSON object keyed by the model's parameter names."));
                }

                foreach (var parameter in request.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
                {
                    parameters[parameter.Name] = Value(parameter.Value);
                }
            }

            return new BatchRow(id, model, provider, parameters) { Deadline = Deadline(root, Where) };
        }
    }

    /// <summary>The row's <c>"deadline"</c>: a duration (<see cref="DurationText"/>) or a positive number of seconds.</summary>
    private static TimeSpan? Deadline(JsonElement root, Func<string, string> where)
    {
        if (!root.TryGetProperty("deadline", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        TimeSpan? deadline = value.ValueKind switch
        {
            JsonValueKind.String => DurationText.Parse(text),
            JsonValueKind.Number when value.TryGetDouble(out var seconds) && seconds > 0 && seconds <= 10 * 365 * 86_400d => TimeSpan.FromSeconds(seconds),
            _ => null,
        };
        return deadline ?? throw new UsageException(where($"\"deadline\" is {text}, not a duration; {DurationText.Rule}, or a number of seconds."));
    }

    private static string? Text(JsonElement root, string name, Func<string, string> where) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new UsageException(where($"\"{name}\" must be a string."));

    /// <summary>A JSON value as <see cref="IModelRequest.SetParameter"/> takes it; one it cannot take becomes the row's violation.</summary>
    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText()).ToArray(),
        _ => value.GetRawText(),
    };
}

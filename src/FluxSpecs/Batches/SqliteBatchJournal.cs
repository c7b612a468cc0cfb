using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace FluxSpecs.Batches;

/// <summary>
/// The batch journal in a SQLite file (<c>journal.db</c> in the output folder): one row per batch row, written in WAL
/// mode with full synchronisation, so that a write that returned survives the process being killed (and a power cut).
/// One connection, used by one command at a time.
/// </summary>
/// <remarks>
/// Writes are committed in groups: one writer takes every write waiting at that moment, runs them in one transaction
/// and commits it with one sync to disk, then lets each of them return. Each write still returns only once it is
/// durable, but a batch of many concurrent rows pays one sync per group instead of one per write — a sync takes
/// milliseconds, and three per row made the journal the batch's bottleneck (docs/performance.md, "Batches").
/// </remarks>
internal sealed class SqliteBatchJournal : IBatchJournal
{
    /// <summary>The most writes committed together.</summary>
    private const int MaxGroup = 512;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private SqliteBatchJournal(SqliteConnection connection)
    {
        _connection = connection;
        _writer = Task.Run(WriteGroupsAsync);
    }

    /// <summary>A write waiting for its group's commit.</summary>
    private sealed record PendingWrite(string Sql, Action<SqliteParameterCollection> Bind, string Refusal, TaskCompletionSource Done);

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>.</summary>
    public static async Task<SqliteBatchJournal> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS batch_rows (
                    row_id       TEXT PRIMARY KEY,
                    model        TEXT NOT NULL,
                    provider     TEXT NOT NULL,
                    estimate_usd TEXT,
                    job          TEXT,
                    status       TEXT,
                    cost_usd     TEXT,
                    files        TEXT NOT NULL DEFAULT '[]',
                    error        TEXT,
                    updated_at   TEXT NOT NULL
                );
                """;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteBatchJournal(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IReadOnlyDictionary<string, BatchJournalEntry>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT row_id, model, provider, estimate_usd, job, status, cost_usd, files, error FROM batch_rows";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var entries = new Dictionary<string, BatchJournalEntry>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entry = new BatchJournalEntry
                {
                    RowId = reader.GetString(0),
                    ModelId = reader.GetString(1),
                    ProviderId = reader.GetString(2),
                    EstimateUsd = Amount(reader, 3),
                    JobHandle = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Status = reader.IsDBNull(5) ? null : Enum.Parse<BatchRowStatus>(reader.GetString(5), ignoreCase: true),
                    CostUsd = Amount(reader, 6),
                    Files = JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                    Error = reader.IsDBNull(8) ? null : reader.GetString(8),
                };
                entries[entry.RowId] = entry;
            }

            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RecordIntentAsync(BatchJournalEntry intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);

        // A row is inserted once; the one entry it may replace is a create refused with nothing made.
        return ExecuteAsync(
            """
            INSERT INTO batch_rows (row_id, model, provider, estimate_usd, job, status, cost_usd, files, error, updated_at)
            VALUES ($row, $model, $provider, $estimate, NULL, NULL, NULL, '[]', NULL, $now)
            ON CONFLICT (row_id) DO UPDATE SET model = excluded.model, provider = excluded.provider,
                estimate_usd = excluded.estimate_usd, status = NULL, error = NULL, updated_at = excluded.updated_at
            WHERE batch_rows.status = 'failed' AND batch_rows.job IS NULL
            """,
            parameters =>
            {
                parameters.AddWithValue("$row", intent.RowId);
                parameters.AddWithValue("$model", intent.ModelId);
                parameters.AddWithValue("$provider", intent.ProviderId);
                parameters.AddWithValue("$estimate", Text(intent.EstimateUsd));
            },
            $"Row '{intent.RowId}' is already in the journal with a create that may have reached the provider; it is not sent again.",
            cancellationToken);
    }

    public Task RecordJobAsync(string rowId, string jobHandle, CancellationToken cancellationToken = default) => ExecuteAsync(
        "UPDATE batch_rows SET job = $job, updated_at = $now WHERE row_id = $row AND status IS NULL",
        parameters =>
        {
            parameters.AddWithValue("$row", rowId);
            parameters.AddWithValue("$job", jobHandle);
        },
        $"Row '{rowId}' has no intent awaiting its job in the journal.",
        cancellationToken);

    public Task RecordOutcomeAsync(string rowId, BatchRowStatus status, decimal? costUsd, IReadOnlyList<string> files, string? error, CancellationToken cancellationToken = default) => ExecuteAsync(
        "UPDATE batch_rows SET status = $status, cost_usd = $cost, files = $files, error = $error, updated_at = $now WHERE row_id = $row",
        parameters =>
        {
            parameters.AddWithValue("$row", rowId);
            parameters.AddWithValue("$status", status.ToString().ToLowerInvariant());
            parameters.AddWithValue("$cost", Text(costUsd));
            parameters.AddWithValue("$files", JsonSerializer.Serialize(files));
            parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        },
        $"Row '{rowId}' has no intent in the journal.",
        cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Every queued write is committed before the connection closes.
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Queues one write for the next group and waits for its commit; it must change exactly one row, else <paramref name="refusal"/>.</summary>
    private Task ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, string refusal, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite(sql, bind, refusal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteBatchJournal));
        }

        // The write is committed whatever happens to the caller's token: once queued, it is part of the record.
        return write.Done.Task;
    }

    /// <summary>The one writer: every write waiting at once goes into one transaction and one sync to disk.</summary>
    private async Task WriteGroupsAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxGroup && _writes.Reader.TryRead(out var write))
            {
                group.Add(write);
            }

            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await CommitAsync(group).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var refused = new Exception?[group.Count];
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync().ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                await using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = group[i].Sql;
                group[i].Bind(command.Parameters);
                command.Parameters.AddWithValue("$now", now);

                // Each statement changes one row by its key, or none when refused: a refusal leaves nothing to undo.
                if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
                {
                    refused[i] = new InvalidOperationException(group[i].Refusal);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var write in group)
            {
                write.Done.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (refused[i] is { } refusal)
            {
                group[i].Done.TrySetException(refusal);
            }
            else
            {
                group[i].Done.TrySetResult();
            }
        }
    }

    // Amounts are kept as invariant text: SQLite's REAL would round a decimal.
    private static object Text(decimal? amount) => amount is { } value ? value.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    private static decimal? Amount(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : decimal.Parse(reader.GetString(column), NumberStyles.Number, CultureInfo.InvariantCulture);
}

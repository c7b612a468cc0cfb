using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace FluxSpecs.Batches;

/// <summary>
/// The batch journal in a SQLite file (<c>journal.db</c> in the output folder): one row per batch row in
/// <c>batch_rows</c> and one per create in <c>batch_attempts</c>, written in WAL mode with full synchronisation, so that
/// a write that returned survives the process being killed (and a power cut). Each write is all or nothing. One
/// connection, used by one command at a time.
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
    private sealed record PendingWrite(string Sql, Action<SqliteParameterCollection> Bind, string Refusal, string? FollowUp, bool MustChangeFollowUp, TaskCompletionSource Done);

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
                CREATE TABLE IF NOT EXISTS batch_attempts (
                    row_id        TEXT NOT NULL,
                    seq           INTEGER NOT NULL,
                    provider      TEXT NOT NULL,
                    outcome       TEXT,
                    http_status   INTEGER,
                    provider_code TEXT,
                    message       TEXT,
                    updated_at    TEXT NOT NULL,
                    PRIMARY KEY (row_id, seq)
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

    private const string EntryColumns = "SELECT row_id, model, provider, estimate_usd, job, status, cost_usd, files, error FROM batch_rows";

    /// <summary>Every entry, by row id, all at once (for tests and tools; the runner reads a row at a time with <see cref="FindAsync"/>).</summary>
    public async Task<IReadOnlyDictionary<string, BatchJournalEntry>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var attempts = await ReadAttemptsAsync(null, cancellationToken).ConfigureAwait(false);
            await using var command = _connection.CreateCommand();
            command.CommandText = EntryColumns;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var entries = new Dictionary<string, BatchJournalEntry>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entry = Entry(reader, attempts.GetValueOrDefault(reader.GetString(0)));
                entries[entry.RowId] = entry;
            }

            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BatchJournalEntry?> FindAsync(string rowId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = EntryColumns + " WHERE row_id = $row";
            command.Parameters.AddWithValue("$row", rowId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? Entry(reader, (await ReadAttemptsAsync(rowId, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(rowId))
                : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static BatchJournalEntry Entry(SqliteDataReader reader, List<BatchAttempt>? attempts) => new()
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
        Attempts = attempts ?? [],
    };

    public Task RecordIntentAsync(BatchJournalEntry intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);

        // A row is inserted once; the one entry it may replace is one with nothing made (refused, or skipped after that).
        return ExecuteAsync(
            """
            INSERT INTO batch_rows (row_id, model, provider, estimate_usd, job, status, cost_usd, files, error, updated_at)
            VALUES ($row, $model, $provider, $estimate, NULL, NULL, NULL, '[]', NULL, $now)
            ON CONFLICT (row_id) DO UPDATE SET model = excluded.model, provider = excluded.provider,
                estimate_usd = excluded.estimate_usd, status = NULL, error = NULL, updated_at = excluded.updated_at
            WHERE batch_rows.status IN ('failed', 'skipped') AND batch_rows.job IS NULL
            """,
            parameters =>
            {
                parameters.AddWithValue("$row", intent.RowId);
                parameters.AddWithValue("$model", intent.ModelId);
                parameters.AddWithValue("$provider", intent.ProviderId);
                parameters.AddWithValue("$estimate", Text(intent.EstimateUsd));
            },
            $"Row '{intent.RowId}' is already in the journal with a create that may have reached the provider; it is not sent again.",
            cancellationToken,
            """
            INSERT INTO batch_attempts (row_id, seq, provider, updated_at)
            VALUES ($row, (SELECT COALESCE(MAX(seq), 0) + 1 FROM batch_attempts WHERE row_id = $row), $provider, $now)
            """);
    }

    public Task RecordAttemptAsync(string rowId, BatchAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var refused = attempt.Outcome == BatchAttemptOutcome.Refused;

        // The latest create, still unanswered, gets its answer; a refusal also marks the row as nothing made, in the same
        // transaction, so that no state exists in which the next intent could follow a create that may have made a job.
        return ExecuteAsync(
            """
            UPDATE batch_attempts SET outcome = $outcome, http_status = $status, provider_code = $code, message = $message, updated_at = $now
            WHERE row_id = $row AND outcome IS NULL AND seq = (SELECT MAX(seq) FROM batch_attempts WHERE row_id = $row)
            """,
            parameters =>
            {
                parameters.AddWithValue("$row", rowId);
                parameters.AddWithValue("$outcome", OutcomeName(attempt.Outcome));
                parameters.AddWithValue("$status", (object?)attempt.HttpStatus ?? DBNull.Value);
                parameters.AddWithValue("$code", (object?)attempt.ProviderCode ?? DBNull.Value);
                parameters.AddWithValue("$message", (object?)attempt.Message ?? DBNull.Value);
            },
            $"Row '{rowId}' has no create awaiting its answer in the journal.",
            cancellationToken,
            refused ? "UPDATE batch_rows SET status = 'failed', error = $message, updated_at = $now WHERE row_id = $row AND status IS NULL AND job IS NULL" : null,
            mustChangeFollowUp: refused);
    }

    public Task RecordJobAsync(string rowId, string jobHandle, CancellationToken cancellationToken = default) => ExecuteAsync(
        "UPDATE batch_rows SET job = $job, updated_at = $now WHERE row_id = $row AND status IS NULL",
        parameters =>
        {
            parameters.AddWithValue("$row", rowId);
            parameters.AddWithValue("$job", jobHandle);
        },
        $"Row '{rowId}' has no intent awaiting its job in the journal.",
        cancellationToken,
        "UPDATE batch_attempts SET outcome = 'created', updated_at = $now WHERE row_id = $row AND outcome IS NULL AND seq = (SELECT MAX(seq) FROM batch_attempts WHERE row_id = $row)");

    public Task RecordOutcomeAsync(string rowId, BatchRowStatus status, decimal? costUsd, IReadOnlyList<string> files, string? error, CancellationToken cancellationToken = default) => ExecuteAsync(
        "UPDATE batch_rows SET status = $status, cost_usd = $cost, files = $files, error = $error, updated_at = $now WHERE row_id = $row",
        parameters =>
        {
            parameters.AddWithValue("$row", rowId);
            parameters.AddWithValue("$status", BatchResultsFile.StatusName(status));
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

    /// <summary>
    /// Queues one write for the next group and waits for its commit: <paramref name="sql"/> must change exactly one row,
    /// else <paramref name="refusal"/> and nothing of the write is kept; then <paramref name="followUp"/> (same
    /// parameters), which must change one row too when <paramref name="mustChangeFollowUp"/>.
    /// </summary>
    private Task ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, string refusal, CancellationToken cancellationToken, string? followUp = null, bool mustChangeFollowUp = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite(sql, bind, refusal, followUp, mustChangeFollowUp, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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

    /// <summary>Runs a group in one transaction, each write in a savepoint of its own so that a refused one leaves nothing.</summary>
    private async Task CommitAsync(List<PendingWrite> group)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var refused = new Exception?[group.Count];
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync().ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                var write = group[i];
                await RunAsync(transaction, "SAVEPOINT write").ConfigureAwait(false);
                if (await RunAsync(transaction, write.Sql, write.Bind, now).ConfigureAwait(false) != 1
                    || (write.FollowUp is { } followUp && await RunAsync(transaction, followUp, write.Bind, now).ConfigureAwait(false) != 1 && write.MustChangeFollowUp))
                {
                    refused[i] = new InvalidOperationException(write.Refusal);
                    await RunAsync(transaction, "ROLLBACK TO write").ConfigureAwait(false);
                }

                await RunAsync(transaction, "RELEASE write").ConfigureAwait(false);
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

    private async Task<int> RunAsync(SqliteTransaction transaction, string sql, Action<SqliteParameterCollection>? bind = null, string? now = null)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (bind is not null)
        {
            bind(command.Parameters);
            command.Parameters.AddWithValue("$now", now);
        }

        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Every row's attempts (or <paramref name="rowId"/>'s only), in order; an attempt without an outcome was sent and
    /// never answered (may exist).
    /// </summary>
    private async Task<Dictionary<string, List<BatchAttempt>>> ReadAttemptsAsync(string? rowId, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT row_id, provider, outcome, http_status, provider_code, message FROM batch_attempts"
            + (rowId is null ? "" : " WHERE row_id = $row") + " ORDER BY row_id, seq";
        if (rowId is not null)
        {
            command.Parameters.AddWithValue("$row", rowId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var attempts = new Dictionary<string, List<BatchAttempt>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = reader.GetString(0);
            if (!attempts.TryGetValue(row, out var list))
            {
                attempts[row] = list = [];
            }

            list.Add(new BatchAttempt
            {
                ProviderId = reader.GetString(1),
                Outcome = reader.IsDBNull(2) ? BatchAttemptOutcome.MayExist : ParseOutcome(reader.GetString(2)),
                HttpStatus = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                ProviderCode = reader.IsDBNull(4) ? null : reader.GetString(4),
                Message = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }

        return attempts;
    }

    /// <summary>The outcome as the journal and <c>results.jsonl</c> spell it: <c>refused</c>, <c>created</c>, <c>may_exist</c>.</summary>
    internal static string OutcomeName(BatchAttemptOutcome outcome) => outcome switch
    {
        BatchAttemptOutcome.Refused => "refused",
        BatchAttemptOutcome.Created => "created",
        _ => "may_exist",
    };

    private static BatchAttemptOutcome ParseOutcome(string name) => name switch
    {
        "refused" => BatchAttemptOutcome.Refused,
        "created" => BatchAttemptOutcome.Created,
        _ => BatchAttemptOutcome.MayExist,
    };

    // Amounts are kept as invariant text: SQLite's REAL would round a decimal.
    private static object Text(decimal? amount) => amount is { } value ? value.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    private static decimal? Amount(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : decimal.Parse(reader.GetString(column), NumberStyles.Number, CultureInfo.InvariantCulture);
}

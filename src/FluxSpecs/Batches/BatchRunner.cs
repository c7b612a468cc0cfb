using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using FluxSpecs.Catalog;
using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Pricing;
using FluxSpecs.Providers;
using FluxSpecs.Validation;

namespace FluxSpecs.Batches;

/// <summary>
/// Runs many requests: validates every row before anything is sent, keeps each provider's limit of active jobs, creates
/// each row's job at most once (recording the intent before the create and the job handle after it in the journal),
/// waits, and saves the images and <c>results.jsonl</c> in the output folder. Running again over the same folder
/// resumes: ended rows are skipped, rows with a job handle are re-attached, and a row whose create may have reached the
/// provider without its handle being recorded ends <see cref="BatchRowStatus.Unknown"/>, never sent again.
/// </summary>
public sealed partial class BatchRunner
{
    /// <summary>The journal's file name in the output folder.</summary>
    public const string JournalFileName = "journal.db";

    /// <summary>The results' file name in the output folder.</summary>
    public const string ResultsFileName = "results.jsonl";

    private readonly FluxSpecsClient _client;
    private readonly BatchOptions _options;
    private readonly IBatchJournal? _journal;
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>A runner sending through <paramref name="client"/>.</summary>
    /// <param name="client">The client that creates, waits for and downloads the jobs.</param>
    /// <param name="options">The output folder, catalog and limits.</param>
    /// <param name="journal">Where to record the batch; null for <c>journal.db</c> (SQLite) in the output folder.</param>
    public BatchRunner(FluxSpecsClient client, BatchOptions options, IBatchJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory);
        _client = client;
        _options = options;
        _journal = journal;
    }

    /// <summary>The most jobs this runner keeps active at once on <paramref name="providerId"/>.</summary>
    public int ConcurrencyLimit(string providerId) =>
        _options.ProviderConcurrency.TryGetValue(providerId, out var limit) ? limit
        : _options.Concurrency ?? (ProviderRegistry.TryGet(providerId, out var provider) ? provider.MaxActiveJobs : null) ?? BatchOptions.DefaultConcurrency;

    /// <summary>
    /// Runs <paramref name="rows"/> and returns how each ended, in their order (also written to <c>results.jsonl</c>).
    /// Cancelling stops starting rows and waiting; a create already sent is let finish so that its handle is recorded,
    /// and the next run picks every unfinished row up again. <c>results.jsonl</c> is written only when a run completes.
    /// </summary>
    /// <exception cref="ArgumentException">Two rows share an id.</exception>
    public async Task<IReadOnlyList<BatchRowResult>> RunAsync(IReadOnlyList<BatchRow> rows, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.GroupBy(row => row.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Row id '{duplicate.Key}' is given {duplicate.Count()} times; each row needs its own id.", nameof(rows));
        }

        var output = Path.GetFullPath(_options.OutputDirectory);
        Directory.CreateDirectory(output);
        var journal = _journal ?? await SqliteBatchJournal.OpenAsync(Path.Combine(output, JournalFileName), cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await journal.ReadAsync(cancellationToken).ConfigureAwait(false);
            var tracker = new Tracker(rows.Count, progress, new BatchRate(_options.TimeProvider ?? _client.Clock));
            var run = new Run(this, journal, output, tracker);

            // Every row is prepared (and every invalid one found) before the first create.
            var prepared = rows.Select(row => Prepare(row, entries.GetValueOrDefault(row.Id))).ToList();
            var results = await Task.WhenAll(prepared.Select(row => run.RowAsync(row, cancellationToken))).ConfigureAwait(false);
            await WriteResultsAsync(Path.Combine(output, ResultsFileName), results, cancellationToken).ConfigureAwait(false);
            return results;
        }
        finally
        {
            if (_journal is null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A row checked against its model and provider, with what the journal knows of it.</summary>
    private sealed record PreparedRow(BatchRow Row, string? ProviderId, IModelRequest? Request, PriceEstimate? Estimate, IReadOnlyList<Violation> Violations, string? Error, BatchJournalEntry? Entry);

    private PreparedRow Prepare(BatchRow row, BatchJournalEntry? entry)
    {
        var violations = new List<Violation>();
        var providerId = row.ProviderId ?? _options.DefaultProviderId;
        if (!RowId().IsMatch(row.Id ?? ""))
        {
            violations.Add(new Violation("id", row.Id, "row_id", $"The row id '{row.Id}' must be 1 to 100 letters, digits, '.', '_' or '-', not starting with '.' (it names the row's images)."));
        }

        var model = _options.Models.FirstOrDefault(m => m.Id == row.ModelId);
        if (model is null)
        {
            violations.Add(new Violation("model", row.ModelId, "known_model", $"Unknown model '{row.ModelId}'. Models: {string.Join(", ", _options.Models.Select(m => m.Id))}."));
            return new PreparedRow(row, providerId, null, null, violations, null, entry);
        }

        if (providerId is null)
        {
            violations.Add(new Violation("provider", null, "required", $"The row names no provider and the batch has no default. Providers of {model.Id}: {string.Join(", ", model.Providers.Select(p => p.Id))}."));
            return new PreparedRow(row, null, null, null, violations, null, entry);
        }

        if (model.FindProvider(providerId) is null)
        {
            violations.Add(new Violation("provider", providerId, "offers_model", $"{model.Id} is not offered by '{providerId}'. Providers: {string.Join(", ", model.Providers.Select(p => p.Id))}.", providerId));
            return new PreparedRow(row, providerId, null, null, violations, null, entry);
        }

        var request = model.CreateRequest();
        foreach (var (name, value) in row.Parameters)
        {
            try
            {
                request.SetParameter(name, value);
            }
            catch (ArgumentException e)
            {
                violations.Add(new Violation(name, value?.ToString(), "parameter_value", e.Message, providerId));
            }
        }

        violations.AddRange(request.Validate(providerId).Violations);
        if (violations.Count > 0)
        {
            return new PreparedRow(row, providerId, request, null, violations, null, entry);
        }

        var estimate = model.FindProvider(providerId)?.Pricing is null ? null : request.EstimatePrice(providerId);
        string? error = null;
        try
        {
            // A provider without a key fails here, before any intent is written.
            _client.Protocol(providerId);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            error = e.Message;
        }

        return new PreparedRow(row, providerId, request, estimate, [], error, entry);
    }

    private ConcurrencyLimiter Limiter(string providerId) => _limiters.GetOrAdd(providerId, id => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
    {
        PermitLimit = ConcurrencyLimit(id),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    }));

    private static async Task WriteResultsAsync(string path, IReadOnlyList<BatchRowResult> results, CancellationToken cancellationToken)
    {
        // Written beside and moved over, so that a reader never sees half a file.
        var partial = path + ".part";
        await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var result in results)
            {
                await stream.WriteAsync(BatchResultsFile.Line(result), cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(partial, path, overwrite: true);
    }

    [GeneratedRegex(@"^(?!\.)[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RowId();

    /// <summary>One run's rows against one journal and output folder.</summary>
    private sealed class Run(BatchRunner runner, IBatchJournal journal, string output, Tracker tracker)
    {
        public async Task<BatchRowResult> RowAsync(PreparedRow row, CancellationToken cancellationToken)
        {
            var result = await DecideAsync(row, cancellationToken).ConfigureAwait(false);
            tracker.Ended(result);
            return result;
        }

        private async Task<BatchRowResult> DecideAsync(PreparedRow row, CancellationToken cancellationToken)
        {
            var entry = row.Entry;
            if (entry is not null && !entry.NothingCreated)
            {
                return await ResumeAsync(row, entry, cancellationToken).ConfigureAwait(false);
            }

            if (row.Violations.Count > 0)
            {
                return Result(row, BatchRowStatus.Invalid) with { Violations = row.Violations, Error = "The row breaks " + row.Violations.Count + " rule(s); nothing was sent." };
            }

            if (row.Error is not null)
            {
                return Result(row, BatchRowStatus.Failed) with { Error = row.Error + " Nothing was sent." };
            }

            return await CreateAsync(row, cancellationToken).ConfigureAwait(false);
        }

        private async Task<BatchRowResult> ResumeAsync(PreparedRow row, BatchJournalEntry entry, CancellationToken cancellationToken)
        {
            var recorded = FromEntry(row, entry);
            if (entry.JobHandle is null && entry.Status is null)
            {
                // The intent was written, the create may have gone out, its answer was never recorded: it may have been
                // charged, so it is reported and left alone.
                const string error = "The create may have reached the provider, but no job handle was recorded (the batch stopped in between); it may have been charged and is not sent again. Check with the provider.";
                await journal.RecordOutcomeAsync(entry.RowId, BatchRowStatus.Unknown, null, [], error, CancellationToken.None).ConfigureAwait(false);
                return recorded with { Status = BatchRowStatus.Unknown, Error = error };
            }

            var filesMissing = entry.Status == BatchRowStatus.Succeeded && (entry.Files.Count == 0 || entry.Files.Any(file => !File.Exists(Path.Combine(output, file))));
            if (entry.Status is not null && !filesMissing || entry.JobHandle is null)
            {
                return recorded with { FromJournal = true };
            }

            // A job with a handle that has not ended (or whose images are missing): re-attach, wait, download.
            ImageJob job;
            try
            {
                job = runner._client.Attach(entry.JobHandle);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
            {
                return recorded with { Status = BatchRowStatus.Unknown, Error = "The recorded job cannot be re-attached: " + e.Message };
            }

            using var lease = await AcquireAsync(entry.ProviderId, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(row, recorded, job, lease, cancellationToken).ConfigureAwait(false);
        }

        private async Task<BatchRowResult> CreateAsync(PreparedRow row, CancellationToken cancellationToken)
        {
            var providerId = row.ProviderId!;
            var lease = await AcquireAsync(providerId, cancellationToken).ConfigureAwait(false);
            using var _ = lease;
            cancellationToken.ThrowIfCancellationRequested();
            var result = Result(row, BatchRowStatus.Unknown);
            var intent = new BatchJournalEntry { RowId = row.Row.Id, ModelId = row.Row.ModelId, ProviderId = providerId, EstimateUsd = result.EstimateUsd };
            await journal.RecordIntentAsync(intent, CancellationToken.None).ConfigureAwait(false);

            // From here the create is let finish even when the batch is canceled, so that its answer is recorded.
            ImageJob job;
            try
            {
                job = await runner._client.StartAsync(row.Request!, providerId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var nothingCreated = e is FluxSpecsException { MayHaveCharged: false };
                var status = nothingCreated ? BatchRowStatus.Failed : BatchRowStatus.Unknown;
                var error = nothingCreated ? e.Message : "The create may have reached the provider (it may have been charged; it is not sent again): " + e.Message;
                await journal.RecordOutcomeAsync(row.Row.Id, status, null, [], error, CancellationToken.None).ConfigureAwait(false);
                return result with { Status = status, Error = error, Sent = true };
            }

            await journal.RecordJobAsync(row.Row.Id, job.Id, CancellationToken.None).ConfigureAwait(false);
            return await FinishAsync(row, result with { JobHandle = job.Id }, job, lease, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Waits for the job (holding the provider's permit), then saves its images and records how it ended.</summary>
        private async Task<BatchRowResult> FinishAsync(PreparedRow row, BatchRowResult result, ImageJob job, IDisposable lease, CancellationToken cancellationToken)
        {
            result = result with { JobHandle = job.Id, FromJournal = false, Sent = true };
            try
            {
                await job.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProviderException or JobTimeoutException or HttpRequestException)
            {
                // The job exists and its handle is recorded: the next run re-attaches to it.
                return result with { Status = BatchRowStatus.Unknown, Error = "The job's state could not be read (run the batch again to re-attach): " + e.Message };
            }
            catch (NotSupportedException e)
            {
                // A provider with no job to ask about (Lumenfall answers the create with the images): if the batch stopped
                // before they were saved and the handle carries no link to them, no later run can fetch them.
                var error = "The job was made, but its images were not saved before the batch stopped and the provider cannot give them again: " + e.Message;
                await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Unknown, result.CostUsd, [], error, CancellationToken.None).ConfigureAwait(false);
                return result with { Status = BatchRowStatus.Unknown, Error = error };
            }
            finally
            {
                lease.Dispose();
            }

            var state = job.State;
            var cost = CostReport.ToUsd(state.ActualCost, row.Estimate?.CreditUsd) ?? result.CostUsd;
            var status = state.Status switch
            {
                JobStatus.Succeeded => BatchRowStatus.Succeeded,
                JobStatus.Moderated => BatchRowStatus.Moderated,
                JobStatus.Canceled => BatchRowStatus.Canceled,
                _ => BatchRowStatus.Failed,
            };
            if (status != BatchRowStatus.Succeeded)
            {
                var error = $"{state.ProviderStatus}{(state.ErrorCode is null ? "" : " " + state.ErrorCode)}{(state.ErrorMessage is null ? "" : ": " + state.ErrorMessage)}";
                await journal.RecordOutcomeAsync(row.Row.Id, status, cost, [], error, CancellationToken.None).ConfigureAwait(false);
                return result with { Status = status, CostUsd = cost, Error = error };
            }

            List<string> files;
            try
            {
                files = await SaveAsync(row.Row.Id, job, cancellationToken).ConfigureAwait(false);
            }
            catch (DownloadException e)
            {
                return result with { Status = BatchRowStatus.Unknown, CostUsd = cost, Error = "The job succeeded but its images could not be downloaded (run the batch again to download them): " + e.Message };
            }

            await journal.RecordOutcomeAsync(row.Row.Id, status, cost, files, null, CancellationToken.None).ConfigureAwait(false);
            return result with { Status = status, CostUsd = cost, Files = files };
        }

        /// <summary>Downloads every output to <c>&lt;row id&gt;[-n].&lt;ext&gt;</c>, each written whole or not at all.</summary>
        private async Task<List<string>> SaveAsync(string rowId, ImageJob job, CancellationToken cancellationToken)
        {
            var files = new List<string>();
            for (var i = 0; i < job.State.Outputs.Count; i++)
            {
                var bytes = await job.DownloadAsync(i, cancellationToken).ConfigureAwait(false);
                var extension = ImageFormats.Sniff(bytes) is { } format ? format.ToWireName().Replace("jpeg", "jpg", StringComparison.Ordinal) : "bin";
                var name = (i == 0 ? rowId : rowId + "-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) + "." + extension;
                var path = Path.Combine(output, name);
                var partial = path + ".part";
                await File.WriteAllBytesAsync(partial, bytes, cancellationToken).ConfigureAwait(false);
                File.Move(partial, path, overwrite: true);
                files.Add(name);
            }

            return files;
        }

        /// <summary>A permit of the provider's limiter; the row counts as running until it is released.</summary>
        private async Task<IDisposable> AcquireAsync(string providerId, CancellationToken cancellationToken)
        {
            var lease = await runner.Limiter(providerId).AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw new InvalidOperationException($"The {providerId} limiter refused a permit.");
            }

            return tracker.Start(lease);
        }

        private static BatchRowResult Result(PreparedRow row, BatchRowStatus status) => new()
        {
            Id = row.Row.Id,
            Status = status,
            ModelId = row.Row.ModelId,
            ProviderId = row.ProviderId,
            EstimateUsd = row.Estimate?.AmountUsd,
        };

        private static BatchRowResult FromEntry(PreparedRow row, BatchJournalEntry entry) => new()
        {
            Id = entry.RowId,
            Status = entry.Status ?? BatchRowStatus.Unknown,
            ModelId = entry.ModelId,
            ProviderId = entry.ProviderId,
            JobHandle = entry.JobHandle,
            EstimateUsd = entry.EstimateUsd ?? row.Estimate?.AmountUsd,
            CostUsd = entry.CostUsd,
            Files = entry.Files,
            Error = entry.Error,
        };
    }

    /// <summary>Counts rows as they start and end, and reports each change.</summary>
    private sealed class Tracker(int total, IProgress<BatchProgress>? progress, BatchRate rate)
    {
        private readonly Lock _lock = new();
        private int _done;
        private int _running;
        private int _notSucceeded;
        private decimal _spend;

        /// <summary>Counts a row as running until the returned slot is disposed, which also releases <paramref name="lease"/>.</summary>
        public IDisposable Start(RateLimitLease lease)
        {
            lock (_lock)
            {
                _running++;
                Report(null);
            }

            return new Active(this, lease);
        }

        public void Ended(BatchRowResult result)
        {
            lock (_lock)
            {
                _done++;
                _notSucceeded += result.Status == BatchRowStatus.Succeeded ? 0 : 1;
                _spend += result.CostUsd ?? (result.Status == BatchRowStatus.Succeeded ? result.EstimateUsd ?? 0 : 0);
                if (result.Sent)
                {
                    rate.Ended();
                }

                Report(result);
            }
        }

        private void Stopped()
        {
            lock (_lock)
            {
                _running--;
            }
        }

        private void Report(BatchRowResult? row)
        {
            if (progress is null)
            {
                return;
            }

            var perMinute = rate.RowsPerMinute();
            progress.Report(new BatchProgress
            {
                Total = total,
                Done = _done,
                Running = _running,
                NotSucceeded = _notSucceeded,
                SpendUsd = _spend,
                Elapsed = rate.Elapsed,
                RowsPerMinute = perMinute,
                TimeLeft = BatchRate.TimeLeft(total - _done, perMinute),
                Row = row,
            });
        }

        private sealed class Active(Tracker tracker, RateLimitLease lease) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    tracker.Stopped();
                    lease.Dispose();
                }
            }
        }
    }
}

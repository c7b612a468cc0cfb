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
/// Runs many requests: validates every row before anything is sent, keeps each provider's limit of active jobs and the
/// batch's budget, creates each row's job at most once (recording the intent before each create and the job handle after
/// it in the journal), waits, and saves the images and <c>results.jsonl</c> in the output folder. A row may name several
/// providers (or <c>cheapest</c>): when a create is refused in a way that proves no job was made, the next is tried;
/// after any answer that may mean a job exists, none. Running again over the same folder resumes: ended rows are
/// skipped, rows with a job handle are re-attached, and a row whose create may have reached the provider without its
/// handle being recorded ends <see cref="BatchRowStatus.Unknown"/>, never sent again.
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
        if (options.MaxCostUsd is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxCostUsd, "BatchOptions.MaxCostUsd must be zero or more US dollars (null for no budget).");
        }

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
            var tracker = new Tracker(rows.Count, progress);
            var budget = new BatchBudget(_options.MaxCostUsd, _options.AllowUnpriced, entries.Values);
            var run = new Run(this, journal, output, tracker, budget);

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

    /// <summary>
    /// A row checked against its model and every provider it may go to, with the providers to try in order
    /// (<see cref="Candidates"/>) and what the journal knows of it.
    /// </summary>
    private sealed record PreparedRow(BatchRow Row, string? ProviderId, IModelRequest? Request, IReadOnlyList<BatchCandidate> Candidates, IReadOnlyList<Violation> Violations, string? Error, BatchJournalEntry? Entry)
    {
        /// <summary>The request's estimate on <paramref name="providerId"/>, when it is one of the candidates and priced.</summary>
        public PriceEstimate? EstimateOn(string providerId) => Candidates.FirstOrDefault(c => c.ProviderId == providerId)?.Estimate;
    }

    private PreparedRow Prepare(BatchRow row, BatchJournalEntry? entry)
    {
        var violations = new List<Violation>();
        var choice = row.ProviderId ?? _options.DefaultProviderId;
        if (!RowId().IsMatch(row.Id ?? ""))
        {
            violations.Add(new Violation("id", row.Id, "row_id", $"The row id '{row.Id}' must be 1 to 100 letters, digits, '.', '_' or '-', not starting with '.' (it names the row's images)."));
        }

        var model = _options.Models.FirstOrDefault(m => m.Id == row.ModelId);
        if (model is null)
        {
            violations.Add(new Violation("model", row.ModelId, "known_model", $"Unknown model '{row.ModelId}'. Models: {string.Join(", ", _options.Models.Select(m => m.Id))}."));
            return new PreparedRow(row, choice, null, [], violations, null, entry);
        }

        if (choice is null)
        {
            violations.Add(new Violation("provider", null, "required", $"The row names no provider and the batch has no default. Providers of {model.Id}: {string.Join(", ", model.Providers.Select(p => p.Id))}."));
            return new PreparedRow(row, null, null, [], violations, null, entry);
        }

        IReadOnlyList<string> names;
        try
        {
            names = BatchCandidates.Parse(choice);
        }
        catch (FormatException e)
        {
            violations.Add(new Violation("provider", choice, "provider_choice", e.Message));
            return new PreparedRow(row, null, null, [], violations, null, entry);
        }

        var named = names is [BatchCandidates.Cheapest] ? null : names[0];
        var request = model.CreateRequest();
        foreach (var (name, value) in row.Parameters)
        {
            try
            {
                request.SetParameter(name, value);
            }
            catch (ArgumentException e)
            {
                violations.Add(new Violation(name, value?.ToString(), "parameter_value", e.Message, named));
            }
        }

        if (violations.Count > 0)
        {
            return new PreparedRow(row, named, request, [], violations, null, entry);
        }

        // A provider without a key is left out here, before any intent is written.
        var (candidates, broken, problems) = BatchCandidates.Resolve(model, request, names, Unusable);
        if (candidates.Count == 0)
        {
            return problems.Count > 0
                ? new PreparedRow(row, named, request, [], [], string.Join(" ", problems), entry)
                : new PreparedRow(row, named, request, [], broken, null, entry);
        }

        return new PreparedRow(row, candidates[0].ProviderId, request, candidates, [], null, entry);
    }

    /// <summary>Why <paramref name="providerId"/> cannot be sent to (no key, not registered), or null.</summary>
    private string? Unusable(string providerId)
    {
        try
        {
            _client.Protocol(providerId);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return e.Message;
        }
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
    private sealed class Run(BatchRunner runner, IBatchJournal journal, string output, Tracker tracker, BatchBudget budget)
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

        /// <summary>
        /// Tries the row's candidates in order. Each gets its provider's permit and a reservation of its estimate from the
        /// budget (a candidate the budget cannot take is passed over), then one create (<see cref="CreateOnProviderAsync"/>).
        /// A refusal that proves no job was made gives the reservation back and moves on; a job is waited for; an answer
        /// that may mean a job exists ends the row <see cref="BatchRowStatus.Unknown"/>, sent nowhere else.
        /// </summary>
        private async Task<BatchRowResult> CreateAsync(PreparedRow row, CancellationToken cancellationToken)
        {
            var attempts = new List<BatchAttempt>(row.Entry?.Attempts ?? []);
            var refusals = new List<string>();
            var passedOver = new List<BudgetDecision>();
            var last = row.Candidates[0];
            foreach (var candidate in row.Candidates)
            {
                using var lease = await AcquireAsync(candidate.ProviderId, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var decision = budget.TryReserve(row.Row.Id, candidate.ProviderId, candidate.EstimateUsd);
                if (!decision.Fits)
                {
                    passedOver.Add(decision);
                    continue;
                }

                last = candidate;
                var result = Result(row, BatchRowStatus.Unknown, candidate);
                var create = await CreateOnProviderAsync(row, candidate).ConfigureAwait(false);
                attempts.Add(create.Attempt);
                result = result with { Attempts = attempts };
                if (create.Job is { } job)
                {
                    return await FinishAsync(row, result with { JobHandle = job.Id }, job, lease, cancellationToken).ConfigureAwait(false);
                }

                if (create.Attempt.Outcome == BatchAttemptOutcome.MayExist)
                {
                    // The reservation stays: the job may exist and may be billed.
                    var error = "The create may have reached the provider (it may have been charged; it is not sent again, to it or to another provider): " + create.Error!.Message;
                    await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Unknown, null, [], error, CancellationToken.None).ConfigureAwait(false);
                    return result with { Error = error };
                }

                budget.Release(row.Row.Id);
                refusals.Add(create.Error!.Message);
            }

            // No job was made: every candidate refused, or the budget passed over those left.
            var recorded = row.Entry is not null || refusals.Count > 0;
            var ended = Result(row, BatchRowStatus.Failed, last) with { Attempts = attempts };
            if (passedOver.Count > 0)
            {
                var reason = passedOver.Any(d => d.Skip == BatchSkipReason.Budget) ? BatchSkipReason.Budget : BatchSkipReason.Unpriced;
                var error = "Skipped: " + string.Join("; ", passedOver.Select(d => d.Why)) + "." + (refusals.Count > 0 ? " Before that: " + string.Join(" ", refusals) : " Nothing was sent.");
                if (recorded)
                {
                    await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Skipped, null, [], error, CancellationToken.None).ConfigureAwait(false);
                }

                return ended with { Status = BatchRowStatus.Skipped, SkipReason = reason, Error = error };
            }

            var refused = string.Join(" ", refusals);
            await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Failed, null, [], refused, CancellationToken.None).ConfigureAwait(false);
            return ended with { Error = refused };
        }

        /// <summary>
        /// One create of the row on one provider, crash-safe: the intent (naming this provider) is written first, and the
        /// answer after — the job handle, or the attempt's outcome. A refusal that proves no job was made is recorded as
        /// such (the row nothing created) before this returns, so the caller may send again, there or elsewhere. From the
        /// intent on, the create is let finish even when the batch is canceled, so that its answer is recorded.
        /// </summary>
        private async Task<CreateOutcome> CreateOnProviderAsync(PreparedRow row, BatchCandidate candidate)
        {
            var intent = new BatchJournalEntry { RowId = row.Row.Id, ModelId = row.Row.ModelId, ProviderId = candidate.ProviderId, EstimateUsd = candidate.EstimateUsd };
            await journal.RecordIntentAsync(intent, CancellationToken.None).ConfigureAwait(false);
            ImageJob job;
            try
            {
                job = await runner._client.StartAsync(row.Request!, candidate.ProviderId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var provider = e as ProviderException;
                var attempt = new BatchAttempt
                {
                    ProviderId = candidate.ProviderId,
                    Outcome = e is FluxSpecsException { MayHaveCharged: false } ? BatchAttemptOutcome.Refused : BatchAttemptOutcome.MayExist,
                    HttpStatus = (int?)provider?.StatusCode,
                    ProviderCode = provider?.ProviderCode,
                    Message = e.Message,
                };
                await journal.RecordAttemptAsync(row.Row.Id, attempt, CancellationToken.None).ConfigureAwait(false);
                return new CreateOutcome(null, attempt, e);
            }

            await journal.RecordJobAsync(row.Row.Id, job.Id, CancellationToken.None).ConfigureAwait(false);
            return new CreateOutcome(job, new BatchAttempt { ProviderId = candidate.ProviderId, Outcome = BatchAttemptOutcome.Created }, null);
        }

        /// <summary>Waits for the job (holding the provider's permit), then saves its images and records how it ended.</summary>
        private async Task<BatchRowResult> FinishAsync(PreparedRow row, BatchRowResult result, ImageJob job, IDisposable lease, CancellationToken cancellationToken)
        {
            result = result with { JobHandle = job.Id, FromJournal = false };
            try
            {
                await job.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProviderException or JobTimeoutException or HttpRequestException)
            {
                // The job exists and its handle is recorded: the next run re-attaches to it.
                return result with { Status = BatchRowStatus.Unknown, Error = "The job's state could not be read (run the batch again to re-attach): " + e.Message };
            }
            finally
            {
                lease.Dispose();
            }

            var state = job.State;
            var cost = CostReport.ToUsd(state.ActualCost, row.EstimateOn(job.ProviderId)?.CreditUsd) ?? result.CostUsd;
            budget.Settle(row.Row.Id, cost);
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

        private static BatchRowResult Result(PreparedRow row, BatchRowStatus status, BatchCandidate? candidate = null) => new()
        {
            Id = row.Row.Id,
            Status = status,
            ModelId = row.Row.ModelId,
            ProviderId = candidate?.ProviderId ?? row.ProviderId,
            EstimateUsd = (candidate ?? row.Candidates.FirstOrDefault())?.EstimateUsd,
            Attempts = row.Entry?.Attempts ?? [],
        };

        private static BatchRowResult FromEntry(PreparedRow row, BatchJournalEntry entry) => new()
        {
            Id = entry.RowId,
            Status = entry.Status ?? BatchRowStatus.Unknown,
            ModelId = entry.ModelId,
            ProviderId = entry.ProviderId,
            JobHandle = entry.JobHandle,
            EstimateUsd = entry.EstimateUsd ?? row.EstimateOn(entry.ProviderId)?.AmountUsd,
            CostUsd = entry.CostUsd,
            Files = entry.Files,
            Error = entry.Error,
            Attempts = entry.Attempts,
        };
    }

    /// <summary>How one create ended: its job, or the attempt's outcome and the exception it failed with.</summary>
    private sealed record CreateOutcome(ImageJob? Job, BatchAttempt Attempt, Exception? Error);

    /// <summary>Counts rows as they start and end, and reports each change.</summary>
    private sealed class Tracker(int total, IProgress<BatchProgress>? progress)
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

        private void Report(BatchRowResult? row) => progress?.Report(new BatchProgress
        {
            Total = total,
            Done = _done,
            Running = _running,
            NotSucceeded = _notSucceeded,
            SpendUsd = _spend,
            Row = row,
        });

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

using System.Net;
using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Pricing;
using FluxSpecs.Providers;

namespace FluxSpecs.Batches;

public sealed partial class BatchRunner
{
    /// <summary>One run's rows against one journal and output folder.</summary>
    private sealed class Run(BatchRunner runner, IBatchJournal journal, string output, Tracker tracker, ProviderPacer pacer, BatchBudget budget, TimeProvider clock, DateTimeOffset? batchDeadline)
    {
        private readonly BatchJobTimes _jobTimes = new();

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

            try
            {
                return await CreateAsync(row, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && Past(batchDeadline))
            {
                // The batch's deadline passed while the row waited for its turn: it is not started.
                return Skipped(row, "The batch's deadline passed before the row was started; nothing was sent.");
            }
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
            return await FinishAsync(row, recorded, job, lease, DeadlineFromNow(row), fresh: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Tries the row's candidates in order. Each gets its provider's permit and a reservation of its estimate from the
        /// budget (a candidate the budget cannot take is passed over), then one create (<see cref="CreateOnProviderAsync"/>).
        /// A refusal that proves no job was made gives the reservation back and moves on; a job is waited for; an answer
        /// that may mean a job exists ends the row <see cref="BatchRowStatus.Unknown"/>, sent nowhere else.
        /// </summary>
        private async Task<BatchRowResult> CreateAsync(PreparedRow row, CancellationToken cancellationToken)
        {
            using var beforeBatchDeadline = CancelAt(batchDeadline, cancellationToken);
            var attempts = new List<BatchAttempt>(row.Entry?.Attempts ?? []);
            var refusals = new List<string>();
            var passedOver = new List<BudgetDecision>();
            var last = row.Candidates[0];
            DateTimeOffset? deadline = null;
            foreach (var candidate in row.Candidates)
            {
                using var lease = await AcquireAsync(candidate.ProviderId, beforeBatchDeadline.Token).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var decision = budget.TryReserve(row.Row.Id, candidate.ProviderId, candidate.EstimateUsd);
                if (!decision.Fits)
                {
                    passedOver.Add(decision);
                    continue;
                }

                // The row's own deadline counts from its first create; the earlier of it and the batch's applies.
                last = candidate;
                deadline ??= DeadlineFromNow(row);
                using var beforeDeadline = CancelAt(deadline, cancellationToken);
                var created = await CreateOnProviderAsync(row, candidate, deadline, beforeDeadline.Token, cancellationToken).ConfigureAwait(false);
                attempts.AddRange(created.Attempts);
                var result = Result(row, BatchRowStatus.Unknown, candidate) with { Attempts = attempts, Sent = created.Attempts.Count > 0 };
                if (created.Job is { } job)
                {
                    return await FinishAsync(row, result with { JobHandle = job.Id }, job, lease, deadline, fresh: true, cancellationToken).ConfigureAwait(false);
                }

                if (!created.NothingCreated)
                {
                    // The reservation stays: the job may exist and may be billed.
                    return result with { Error = created.Error };
                }

                budget.Release(row.Row.Id);
                if (created.Reason is { } reason)
                {
                    // The deadline passed before the create could be sent (again): no other provider is tried either.
                    return result with { Status = BatchRowStatus.Skipped, Reason = reason, Error = created.Error };
                }

                refusals.Add(created.Error!);
            }

            // No job was made: every candidate refused, or the budget passed over those left.
            var recorded = row.Entry is not null || refusals.Count > 0;
            var ended = Result(row, BatchRowStatus.Failed, last) with { Attempts = attempts, Sent = refusals.Count > 0 };
            if (passedOver.Count > 0)
            {
                // Each passed-over candidate was refused by the budget for one of two reasons: its estimate did not fit
                // (Budget), or it has no price to hold to the budget (Unpriced). The row reports Budget when any candidate
                // did not fit, since a larger --max-cost would run it; only when every one was unpriced is the fix
                // --allow-unpriced, and the reason says Unpriced.
                var reason = passedOver.Any(d => d.Skip == BatchRowReason.Budget) ? BatchRowReason.Budget : BatchRowReason.Unpriced;
                var error = "Skipped: " + string.Join("; ", passedOver.Select(d => d.Why)) + "." + (refusals.Count > 0 ? " Before that: " + string.Join(" ", refusals) : " Nothing was sent.");
                if (recorded)
                {
                    await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Skipped, null, [], error, CancellationToken.None).ConfigureAwait(false);
                }

                return ended with { Status = BatchRowStatus.Skipped, Reason = reason, Error = error };
            }

            var refused = string.Join(" ", refusals);
            await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Failed, null, [], refused, CancellationToken.None).ConfigureAwait(false);
            return ended with { Error = refused };
        }

        /// <summary>What one provider made of a row's create: its job, or why there is none.</summary>
        /// <param name="Job">The job, when the create answered with one (its handle is recorded).</param>
        /// <param name="Attempts">Every create sent to the provider for the row (more than one after 429s).</param>
        /// <param name="Error">Why there is no job.</param>
        /// <param name="NothingCreated">True when it is proven that no job was made (another provider may be tried).</param>
        /// <param name="Reason">Set when the deadline passed before the create could be sent (again).</param>
        private sealed record Created(ImageJob? Job, IReadOnlyList<BatchAttempt> Attempts, string? Error, bool NothingCreated, BatchRowReason? Reason = null);

        /// <summary>
        /// Creates the row's job on one provider, crash-safe: waits for a creates-per-second token, writes the intent
        /// (naming this provider), sends the create once, and records the answer — the job handle, or the attempt's
        /// outcome; a refusal that proves no job was made is recorded as such before this returns, so the caller may send
        /// again, there or elsewhere. A refusal with HTTP 429 is waited out (the provider's <c>Retry-After</c>, else a
        /// jittered backoff) and sent again here, with a fresh intent and token, at most
        /// <see cref="BatchOptions.RateLimitRetries"/> times; any answer that may mean a job exists is never sent again.
        /// From the intent on, the create is let finish even when the batch is canceled, so that its answer is recorded.
        /// </summary>
        /// <param name="row">The row, prepared.</param>
        /// <param name="candidate">The provider to create on.</param>
        /// <param name="deadline">When the row must be done; a Replicate create carries it as <c>Cancel-After</c>.</param>
        /// <param name="beforeDeadline">Canceled when the deadline passes (or the batch is canceled): stops the waits before a create.</param>
        /// <param name="cancellationToken">The batch's: canceling it stops the waits and throws (the journal then says nothing was created).</param>
        private async Task<Created> CreateOnProviderAsync(PreparedRow row, BatchCandidate candidate, DateTimeOffset? deadline, CancellationToken beforeDeadline, CancellationToken cancellationToken)
        {
            var providerId = candidate.ProviderId;
            var intent = new BatchJournalEntry { RowId = row.Row.Id, ModelId = row.Row.ModelId, ProviderId = providerId, EstimateUsd = candidate.EstimateUsd };
            var attempts = new List<BatchAttempt>();
            var refusals = 0;
            for (var retry = 0; ; retry++)
            {
                try
                {
                    await pacer.WaitToCreateAsync(providerId, beforeDeadline).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return NotCreatedByDeadline(attempts, refusals);
                }

                await journal.RecordIntentAsync(intent, CancellationToken.None).ConfigureAwait(false);
                var start = deadline is { } at ? new JobStartOptions { CancelAfter = at - clock.GetUtcNow() } : null;
                try
                {
                    var job = await runner._client.StartAsync(row.Request!, providerId, start, CancellationToken.None).ConfigureAwait(false);
                    await journal.RecordJobAsync(row.Row.Id, job.Id, CancellationToken.None).ConfigureAwait(false);
                    attempts.Add(new BatchAttempt { ProviderId = providerId, Outcome = BatchAttemptOutcome.Created });
                    return new Created(job, attempts, null, NothingCreated: false);
                }
                catch (Exception e)
                {
                    // Recorded before any wait: a crash during it leaves a row that the next run may send again.
                    var provider = e as ProviderException;
                    var attempt = new BatchAttempt
                    {
                        ProviderId = providerId,
                        Outcome = e is FluxSpecsException { MayHaveCharged: false } ? BatchAttemptOutcome.Refused : BatchAttemptOutcome.MayExist,
                        HttpStatus = (int?)provider?.StatusCode,
                        ProviderCode = provider?.ProviderCode,
                        Message = e.Message,
                    };
                    attempts.Add(attempt);
                    await journal.RecordAttemptAsync(row.Row.Id, attempt, CancellationToken.None).ConfigureAwait(false);
                    if (attempt.Outcome == BatchAttemptOutcome.MayExist)
                    {
                        var error = "The create may have reached the provider (it may have been charged; it is not sent again, to it or to another provider): " + e.Message;
                        await journal.RecordOutcomeAsync(row.Row.Id, BatchRowStatus.Unknown, null, [], error, CancellationToken.None).ConfigureAwait(false);
                        return new Created(null, attempts, error, NothingCreated: false);
                    }

                    if (provider is not { StatusCode: HttpStatusCode.TooManyRequests })
                    {
                        return new Created(null, attempts, e.Message, NothingCreated: true);
                    }

                    refusals++;
                    if (retry >= runner._options.RateLimitRetries)
                    {
                        var error = refusals == 1 ? e.Message : $"Refused with 429 {refusals} times (no job was created); the last: {e.Message}";
                        return new Created(null, attempts, error, NothingCreated: true);
                    }

                    try
                    {
                        await Task.Delay(provider.RetryAfter ?? Backoff(retry), clock, beforeDeadline).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        return NotCreatedByDeadline(attempts, refusals);
                    }
                }
            }
        }

        /// <summary>A row whose deadline passed before its create was sent (or sent again after a 429).</summary>
        private static Created NotCreatedByDeadline(IReadOnlyList<BatchAttempt> attempts, int refusals) => new(
            null,
            attempts,
            refusals == 0
                ? "The deadline passed before the row's create was sent; nothing was sent."
                : $"The deadline passed while waiting to send the create again after {refusals} refusal(s) with 429; no job was created.",
            NothingCreated: true,
            BatchRowReason.Deadline);

        /// <summary>The wait after the <paramref name="attempt"/>th 429 without <c>Retry-After</c>: 1, 2, 4 … 30 s, each between half and all of that.</summary>
        private static TimeSpan Backoff(int attempt)
        {
            var ceiling = Math.Min(30, Math.Pow(2, attempt));
#pragma warning disable CA5394 // Jitter spreads retries apart; it protects nothing.
            return TimeSpan.FromSeconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
        }

        /// <summary>When the row must be done if it starts now: the earlier of its own deadline from now and the batch's.</summary>
        private DateTimeOffset? DeadlineFromNow(PreparedRow row)
        {
            DateTimeOffset? own = row.Row.Deadline is { } span ? clock.GetUtcNow() + span : null;
            return own is { } a && batchDeadline is { } b ? (a < b ? a : b) : own ?? batchDeadline;
        }

        private bool Past(DateTimeOffset? deadline) => deadline is { } at && clock.GetUtcNow() >= at;

        /// <summary>A token canceled with <paramref name="cancellationToken"/> and, on the batch's clock, at <paramref name="at"/>.</summary>
        private Cutoff CancelAt(DateTimeOffset? at, CancellationToken cancellationToken)
        {
            if (at is not { } when)
            {
                return new Cutoff(null, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
            }

            var left = when - clock.GetUtcNow();
            var timed = new CancellationTokenSource(left > TimeSpan.Zero ? left : Timeout.InfiniteTimeSpan, clock);
            if (left <= TimeSpan.Zero)
            {
                timed.Cancel();
            }

            return new Cutoff(timed, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timed.Token));
        }

        /// <summary>
        /// Waits for the job (holding the provider's permit) until it ends or its <paramref name="deadline"/> passes, then
        /// saves its images and records how it ended. Past the deadline the job is canceled where the provider can cancel,
        /// else abandoned (its handle stays recorded, so the next run re-attaches). A job this run created
        /// (<paramref name="fresh"/>) times its provider's jobs, and every job polls around the time they took.
        /// </summary>
        private async Task<BatchRowResult> FinishAsync(PreparedRow row, BatchRowResult result, ImageJob job, IDisposable lease, DateTimeOffset? deadline, bool fresh, CancellationToken cancellationToken)
        {
            result = result with { JobHandle = job.Id, FromJournal = false, Sent = true };
            BatchRowReason? reason = null;
            var waitStarted = clock.GetTimestamp();
            job.TypicalRunTime = _jobTimes.Typical(job.ProviderId);
            try
            {
                using var cutoff = CancelAt(deadline, cancellationToken);
                try
                {
                    await job.WaitForCompletionAsync(cancellationToken: cutoff.Token).ConfigureAwait(false);
                    if (fresh && job.State.Status == JobStatus.Succeeded)
                    {
                        _jobTimes.Add(job.ProviderId, clock.GetElapsedTime(waitStarted));
                    }
                }
                catch (OperationCanceledException) when (cutoff.Passed && !cancellationToken.IsCancellationRequested)
                {
                    reason = BatchRowReason.Deadline;
                    if (await CancelPastDeadlineAsync(job).ConfigureAwait(false) is { } abandoned)
                    {
                        return result with { Status = BatchRowStatus.Abandoned, Reason = BatchRowReason.Deadline, Error = abandoned };
                    }
                }
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
                // Replicate may cancel it by its Cancel-After a moment before the batch's own cancel.
                reason ??= status == BatchRowStatus.Canceled && Past(deadline) ? BatchRowReason.Deadline : null;
                if (status == BatchRowStatus.Canceled && reason is not null)
                {
                    error = $"Canceled at its deadline ({job.ProviderId} answered {error}).";
                }

                await journal.RecordOutcomeAsync(row.Row.Id, status, cost, [], error, CancellationToken.None).ConfigureAwait(false);
                return result with { Status = status, CostUsd = cost, Error = error, Reason = status == BatchRowStatus.Canceled ? reason : null };
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

        /// <summary>
        /// Cancels a job whose deadline passed. Returns null when the job has ended (canceled, or it ended on its own just
        /// then), else why it was left running: the provider cannot cancel, refused (fal cancels only queued requests), or
        /// the cancel could not be sent.
        /// </summary>
        private static async Task<string?> CancelPastDeadlineAsync(ImageJob job)
        {
            var provider = job.ProviderId;
            string why;
            if (ProviderRegistry.TryGet(provider, out var definition) && definition.Can(ProviderCapabilities.Cancel))
            {
                try
                {
                    var state = await job.CancelAsync(CancellationToken.None).ConfigureAwait(false);
                    if (state.Status is not (JobStatus.Queued or JobStatus.Running))
                    {
                        return null;
                    }

                    why = $"{provider} did not cancel it (it answered {state.ProviderStatus})";
                }
                catch (Exception e) when (e is ProviderException or HttpRequestException)
                {
                    why = "the cancel failed: " + e.Message;
                }
            }
            else
            {
                why = $"{provider} cannot cancel a job";
            }

            return $"The deadline passed and {why}, so the job was left running: it may still finish and be charged. Its handle is kept; run the batch again to re-attach to it and collect its images.";
        }

        /// <summary>
        /// Downloads every output to <c>&lt;row id&gt;[-n].&lt;ext&gt;</c>, the extension by its format, each written whole
        /// or not at all, straight to the disk (an image is never held in memory whole).
        /// </summary>
        private async Task<List<string>> SaveAsync(string rowId, ImageJob job, CancellationToken cancellationToken)
        {
            var files = new List<string>();
            for (var i = 0; i < job.State.Outputs.Count; i++)
            {
                var stem = i == 0 ? rowId : rowId + "-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                files.Add(await job.DownloadIntoAsync(output, format => stem + "." + format.ToWireName().Replace("jpeg", "jpg", StringComparison.Ordinal), i, cancellationToken).ConfigureAwait(false));
            }

            return files;
        }

        /// <summary>A permit of the provider's limiter; the row counts as running until it is released.</summary>
        private async Task<IDisposable> AcquireAsync(string providerId, CancellationToken cancellationToken)
        {
            return tracker.Start(await pacer.AcquireActiveAsync(providerId, cancellationToken).ConfigureAwait(false));
        }

        private static BatchRowResult Skipped(PreparedRow row, string error) =>
            Result(row, BatchRowStatus.Skipped) with { Error = error, Reason = BatchRowReason.Deadline };

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

    /// <summary>A token canceled at a time of the batch's clock or with the batch; <see cref="Passed"/> tells which.</summary>
    private sealed class Cutoff(CancellationTokenSource? timed, CancellationTokenSource linked) : IDisposable
    {
        public CancellationToken Token => linked.Token;

        /// <summary>True once the time has come (rather than the batch being canceled).</summary>
        public bool Passed => timed?.IsCancellationRequested == true;

        public void Dispose()
        {
            linked.Dispose();
            timed?.Dispose();
        }
    }
}

using System.Collections;
using System.Text.RegularExpressions;
using FluxSpecs.Clients;
using FluxSpecs.Pricing;
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
    private ProviderPacer? _pacer;

    /// <summary>A runner sending through <paramref name="client"/>.</summary>
    /// <param name="client">The client that creates, waits for and downloads the jobs.</param>
    /// <param name="options">The output folder, catalog and limits.</param>
    /// <param name="journal">Where to record the batch; null for <c>journal.db</c> (SQLite) in the output folder.</param>
    public BatchRunner(FluxSpecsClient client, BatchOptions options, IBatchJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory);
        CheckPacing(options);
        if (options.MaxCostUsd is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxCostUsd, "BatchOptions.MaxCostUsd must be zero or more US dollars (null for no budget).");
        }

        _client = client;
        _options = options;
        _journal = journal;
    }

    /// <summary>The most jobs this runner keeps active at once on <paramref name="providerId"/>.</summary>
    public int ConcurrencyLimit(string providerId) => ProviderPacer.ConcurrencyLimit(_options, providerId);

    /// <summary>The most creates per second this runner sends to <paramref name="providerId"/>; null when it sends them unpaced.</summary>
    public double? CreatesPerSecond(string providerId) => ProviderPacer.CreatesPerSecond(_options, providerId);

    /// <summary>
    /// Runs <paramref name="rows"/>: reports each row as it ends (<see cref="BatchProgress.Row"/>), writes every row's
    /// result to <c>results.jsonl</c> in input order once all have ended, and returns the counts.
    /// Cancelling stops starting rows and waiting; a create already sent is let finish so that its handle is recorded,
    /// and the next run picks every unfinished row up again. <c>results.jsonl</c> is written only when a run completes.
    /// </summary>
    /// <param name="rows">
    /// The rows. Each is read by its index twice (once to check it before anything is sent, once when it starts), from
    /// several threads at once, and not kept: a list that reads a row from a file when asked lets a batch of any size
    /// run in the same memory.
    /// </param>
    /// <param name="progress">Told when a row starts and when it ends (with its result).</param>
    /// <param name="cancellationToken">Stops the run; see above.</param>
    /// <exception cref="ArgumentException">Two rows share an id (found before anything is sent).</exception>
    public async Task<BatchSummary> RunAsync(IReadOnlyList<BatchRow> rows, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckPacing(_options); // again: the per-provider dictionary may have changed since the constructor
        var output = Path.GetFullPath(_options.OutputDirectory);
        Directory.CreateDirectory(output);
        var journal = _journal ?? await SqliteBatchJournal.OpenAsync(Path.Combine(output, JournalFileName), cancellationToken).ConfigureAwait(false);
        try
        {
            var budget = new BatchBudget(_options.MaxCostUsd, _options.AllowUnpriced);
            var (queues, recorded) = await QueuesAsync(rows, journal, budget, cancellationToken).ConfigureAwait(false);
            var clock = _options.TimeProvider ?? _client.Clock;
            var tracker = new Tracker(rows.Count, progress, new BatchRate(clock));
            using var pacer = new ProviderPacer(_options, clock);
            _pacer = pacer;
            var run = new Run(this, journal, output, tracker, pacer, budget, clock, clock.GetUtcNow() + _options.Deadline);
            var resultsPath = Path.Combine(output, ResultsFileName);
            using var spool = new BatchResultsSpool(resultsPath + ".spool", rows.Count);
            await Task.WhenAll(queues.Select(queue => RunQueueAsync(queue.Value, Window(queue.Key), async i =>
            {
                var row = rows[i];
                var entry = recorded[i] ? await journal.FindAsync(row.Id, CancellationToken.None).ConfigureAwait(false) : null;
                var result = await run.RowAsync(Prepare(row, entry), cancellationToken).ConfigureAwait(false);
                await spool.AddAsync(i, result, CancellationToken.None).ConfigureAwait(false);
            }, cancellationToken))).ConfigureAwait(false);
            await spool.WriteInOrderAsync(resultsPath, cancellationToken).ConfigureAwait(false);
            return tracker.Summary(resultsPath);
        }
        finally
        {
            Volatile.Write(ref _pacer, null);
            if (_journal is null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Checks every row (finding every invalid one and any id given twice) before the first create, and sorts the rows
    /// into queues by the provider each starts on (<see cref="Lane"/>); counts what earlier runs recorded of them toward
    /// the budget. Only each row's index is kept, and whether the journal has an entry for it: a row (and its entry) is
    /// read and prepared again when it starts, so that it lives only while it runs.
    /// </summary>
    private async Task<(Dictionary<string, List<int>> Queues, BitArray Recorded)> QueuesAsync(IReadOnlyList<BatchRow> rows, IBatchJournal journal, BatchBudget budget, CancellationToken cancellationToken)
    {
        var queues = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var recorded = new BitArray(rows.Count);
        var ids = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!ids.Add(row.Id))
            {
                throw new ArgumentException($"Row id '{row.Id}' is given more than once (again at index {i}); each row needs its own id.", nameof(rows));
            }

            var entry = row.Id is null ? null : await journal.FindAsync(row.Id, cancellationToken).ConfigureAwait(false);
            if (entry is not null)
            {
                recorded[i] = true;
                budget.Recorded(entry);
            }

            var lane = Lane(Prepare(row, entry));
            if (!queues.TryGetValue(lane, out var queue))
            {
                queues[lane] = queue = [];
            }

            queue.Add(i);
        }

        return (queues, recorded);
    }

    /// <summary>The queue a row joins: the provider it starts on (a resumed job's, else its first candidate's); "" for a row that needs no permit.</summary>
    private static string Lane(PreparedRow row) =>
        row.Entry is { NothingCreated: false } entry ? entry.ProviderId
        : row.Violations.Count > 0 || row.Error is not null ? ""
        : row.Candidates.Count > 0 ? row.Candidates[0].ProviderId : "";

    /// <summary>
    /// How many rows of a queue are started at once: twice the provider's limit of active jobs, so that its permits stay
    /// busy while rows that moved to another provider (failover) wait there; rows that need no permit, 64.
    /// </summary>
    private int Window(string lane) => lane.Length == 0 ? 64 : Math.Max(2, 2 * ConcurrencyLimit(lane));

    /// <summary>
    /// Starts the rows of one queue in order, at most <paramref name="window"/> at a time, each as soon as one before it
    /// ends; every queue runs by itself, so a busy provider holds back only its own rows. Once the batch is canceled no
    /// row is started; the rows already started are waited for, then the cancellation is thrown.
    /// </summary>
    private static async Task RunQueueAsync(List<int> queue, int window, Func<int, Task> runRow, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(window);
        var started = new List<Task>();
        foreach (var index in queue)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                slots.Release();
                break;
            }

            started.Add(RunOneAsync(index));
            if (started.Count >= 4 * window)
            {
                // Ended rows are let go (their results are in the spool); a failed one stays, to be thrown below.
                started.RemoveAll(task => task.IsCompletedSuccessfully);
            }
        }

        await Task.WhenAll(started).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        async Task RunOneAsync(int index)
        {
            try
            {
                await runRow(index).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>How many creates of the running batch wait for a creates-per-second token of <paramref name="providerId"/> (for tests).</summary>
    internal long WaitingCreates(string providerId) => Volatile.Read(ref _pacer)?.WaitingCreates(providerId) ?? 0;

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

        if (row.Deadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            violations.Add(new Violation("deadline", deadline.ToString("c", System.Globalization.CultureInfo.InvariantCulture), "positive", $"The row's deadline is {deadline:c}; it must be above zero."));
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

    private static void CheckPacing(BatchOptions options)
    {
        static void Positive(double? value, string name)
        {
            if (value is { } v && !(v > 0 && double.IsFinite(v)))
            {
                throw new ArgumentOutOfRangeException(name, v, $"{name} is {v}; it must be a number of creates per second above 0.");
            }
        }

        Positive(options.CreatesPerSecond, nameof(BatchOptions.CreatesPerSecond));
        foreach (var (id, rate) in options.ProviderCreatesPerSecond)
        {
            Positive(rate, $"{nameof(BatchOptions.ProviderCreatesPerSecond)}[{id}]");
        }

        if (options.RateLimitRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchOptions.RateLimitRetries), options.RateLimitRetries, $"RateLimitRetries is {options.RateLimitRetries}; it must be 0 or more.");
        }

        if (options.Deadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchOptions.Deadline), deadline, $"Deadline is {deadline}; it must be above zero (null for none).");
        }
    }

    [GeneratedRegex(@"^(?!\.)[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RowId();
}

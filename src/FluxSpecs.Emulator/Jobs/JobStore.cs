using System.Collections.Concurrent;

namespace FluxSpecs.Emulator.Jobs;

/// <summary>
/// The emulator's jobs, shared by every provider, and counters of create calls per job key. Thread-safe.
/// </summary>
/// <remarks>
/// The job key is the <c>X-Emulator-Job-Key</c> header of the create call, else its <c>Idempotency-Key</c> header, else a
/// hash of the provider, path and body (<see cref="JobKeys.FromBody"/>). <see cref="CreateCount"/> counts the creates that
/// made a job (including those answered slowly or whose connection was dropped afterwards, since the job exists);
/// <see cref="CreateAttempts"/> counts every authorized create call, including those a fault rejected.
/// </remarks>
internal sealed class JobStore
{
    private readonly ConcurrentDictionary<string, EmulatorJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _creates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private long _order;
    private readonly ConcurrentDictionary<string, long> _sequence = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _queueMoved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every job, oldest first.</summary>
    public IReadOnlyList<EmulatorJob> Jobs => [.. _jobs.Values.OrderBy(j => _sequence.GetValueOrDefault(j.Id))];

    /// <summary>The number of jobs created under <paramref name="key"/>.</summary>
    public int CreateCount(string key) => _creates.GetValueOrDefault(key);

    /// <summary>The number of authorized create calls under <paramref name="key"/>, whether or not they made a job.</summary>
    public int CreateAttempts(string key) => _attempts.GetValueOrDefault(key);

    /// <summary>Jobs created per job key.</summary>
    public IReadOnlyDictionary<string, int> CreateCounts => new Dictionary<string, int>(_creates, StringComparer.Ordinal);

    /// <summary>Authorized create calls per job key, including those a fault rejected.</summary>
    public IReadOnlyDictionary<string, int> CreateAttemptCounts => new Dictionary<string, int>(_attempts, StringComparer.Ordinal);

    /// <summary>All jobs created.</summary>
    public int TotalCreates => _jobs.Count;

    /// <summary>Every authorized create call of the run, including those a fault answered before a job existed.</summary>
    public int TotalCreateAttempts => _attempts.Values.Sum();

    /// <summary>The job with <paramref name="id"/>, or null.</summary>
    public EmulatorJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>How many jobs of the same provider are queued ahead of <paramref name="job"/> at <paramref name="now"/>.</summary>
    public int QueuePosition(EmulatorJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var order = _sequence.GetValueOrDefault(job.Id);
        return _jobs.Values.Count(j => j.ProviderId == job.ProviderId && _sequence.GetValueOrDefault(j.Id) < order && j.StateAt(now) == JobState.Queued);
    }

    /// <summary>
    /// Completes the next time a job leaves the queue (it starts, or ends while queued), which moves every job behind it
    /// up one place; take it before reading a queue position.
    /// </summary>
    public Task QueueMoved
    {
        get
        {
            lock (_gate)
            {
                return _queueMoved.Task;
            }
        }
    }

    /// <summary>Says that a job left the queue (started, or ended before it started): wakes the watchers of <see cref="QueueMoved"/>.</summary>
    internal void LeftQueue()
    {
        TaskCompletionSource moved;
        lock (_gate)
        {
            moved = _queueMoved;
            _queueMoved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        moved.TrySetResult();
    }

    internal void RecordAttempt(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    internal void Add(EmulatorJob job)
    {
        _sequence[job.Id] = Interlocked.Increment(ref _order);
        if (!_jobs.TryAdd(job.Id, job))
        {
            throw new InvalidOperationException($"Job id {job.Id} is already taken.");
        }

        _creates.AddOrUpdate(job.Key, 1, (_, n) => n + 1);
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;

namespace FluxSpecs.Emulator.Jobs;

/// <summary>
/// A job the emulator runs. Its state follows from the clock: queued for the queue time after creation, running for the
/// run time, then its outcome (succeeded, or failed or moderated when a fault asked); a cancel ends it early.
/// </summary>
internal sealed class EmulatorJob
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _canceled = new();
    private readonly ConcurrentQueue<Fault> _attachedFaults = new();
    private DateTimeOffset? _canceledAt;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EmulatorJob(
        string id,
        string providerId,
        string key,
        string modelId,
        string providerModelId,
        JsonObject request,
        GenerationSettings settings,
        DateTimeOffset createdAt,
        TimeSpan queueTime,
        TimeSpan runTime,
        Uri baseAddress)
    {
        Id = id;
        ProviderId = providerId;
        Key = key;
        ModelId = modelId;
        ProviderModelId = providerModelId;
        Request = request;
        Settings = settings;
        CreatedAt = createdAt;
        QueueTime = queueTime;
        RunTime = runTime;
        BaseAddress = baseAddress;
        FileIds = [.. Enumerable.Range(0, settings.Count).Select(i => settings.Count == 1 ? id : FormattableString.Invariant($"{id}-{i}"))];
    }

    /// <summary>The provider's id for the job (prediction id, request id, task id …).</summary>
    public string Id { get; }

    /// <summary>The provider id (<c>replicate</c> …).</summary>
    public string ProviderId { get; }

    /// <summary>The job key create calls are counted under (see <see cref="JobStore.CreateCount"/>).</summary>
    public string Key { get; }

    /// <summary>The card's model id (<c>flux-2-pro</c>).</summary>
    public string ModelId { get; }

    /// <summary>The provider's model id or endpoint (<c>black-forest-labs/flux-2-pro</c>, <c>fal-ai/flux-2-pro/edit</c>).</summary>
    public string ProviderModelId { get; }

    /// <summary>The create body as received (the provider's input object where it has one).</summary>
    public JsonObject Request { get; }

    /// <summary>What is rendered.</summary>
    public GenerationSettings Settings { get; }

    /// <summary>When the create call was accepted.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The simulated time in the queue.</summary>
    public TimeSpan QueueTime { get; }

    /// <summary>The simulated run time.</summary>
    public TimeSpan RunTime { get; }

    /// <summary>The emulator's address as the creating client saw it; absolute URLs in responses and webhooks use it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>When the job starts running.</summary>
    public DateTimeOffset StartsAt => CreatedAt + QueueTime;

    /// <summary>When the job reaches its outcome, unless canceled first.</summary>
    public DateTimeOffset CompletesAt => StartsAt + RunTime;

    /// <summary>How the job ends when it is not canceled.</summary>
    public JobState Outcome { get; internal init; } = JobState.Succeeded;

    /// <summary>The failure message of a failed job.</summary>
    public string? FailureMessage { get; internal init; }

    /// <summary>For a moderated job: true when the request was refused rather than the output.</summary>
    public bool ModeratedRequest { get; internal init; }

    /// <summary>Where to send the webhook, or null.</summary>
    public WebhookTarget? Webhook { get; internal init; }

    /// <summary>Provider-specific facts of the create call (fal's <c>gateway_request_id</c>, Lumenfall's response format …).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; internal init; } = new Dictionary<string, string>();

    /// <summary>Fields of the create body the provider does not know, which were ignored (paths such as <c>input.num_outputs</c>).</summary>
    public IReadOnlyList<string> IgnoredFields { get; internal init; } = [];

    /// <summary>The ids of the job's images under <c>/files/</c>, one per image.</summary>
    public IReadOnlyList<string> FileIds { get; }

    /// <summary>When the job was canceled, or null.</summary>
    public DateTimeOffset? CanceledAt
    {
        get
        {
            lock (_gate)
            {
                return _canceledAt;
            }
        }
    }

    /// <summary>Completes when the job reaches a terminal state (webhooks have then been queued).</summary>
    public Task Finished => _finished.Task;

    /// <summary>
    /// Completes at the job's next change of state (it starts, it ends); take it before reading the state, so that a
    /// change between the read and the wait is not missed. Pushed answers (fal's status stream) wait on it.
    /// </summary>
    public Task NextChange
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    internal CancellationToken CancellationSignal => _canceled.Token;

    /// <summary>The state at <paramref name="now"/>.</summary>
    public JobState StateAt(DateTimeOffset now)
    {
        if (CanceledAt is { } canceled && canceled <= now)
        {
            return JobState.Canceled;
        }

        return now < StartsAt ? JobState.Queued : now < CompletesAt ? JobState.Running : Outcome;
    }

    /// <summary>When the job reached (or reaches) its terminal state.</summary>
    public DateTimeOffset EndedAt => CanceledAt ?? CompletesAt;

    /// <summary>Cancels the job unless it has ended (or, with <paramref name="onlyWhileQueued"/>, started).</summary>
    /// <returns>The state before the call, and whether the job is now canceled by this call.</returns>
    internal (JobState Before, bool Canceled) Cancel(DateTimeOffset now, bool onlyWhileQueued)
    {
        JobState before;
        lock (_gate)
        {
            before = StateAt(now);
            var allowed = onlyWhileQueued ? before == JobState.Queued : before is JobState.Queued or JobState.Running;
            if (!allowed)
            {
                return (before, false);
            }

            _canceledAt = now;
        }

        _canceled.Cancel();
        return (before, true);
    }

    internal void AttachFault(Fault fault) => _attachedFaults.Enqueue(fault);

    /// <summary>Takes one hit of the first attached fault aimed at <paramref name="kind"/>, if any.</summary>
    internal Fault? TakeFault(CallKind kind)
    {
        lock (_gate)
        {
            var remaining = new List<Fault>();
            Fault? taken = null;
            while (_attachedFaults.TryDequeue(out var fault))
            {
                if (taken is null && fault.On == kind)
                {
                    taken = fault;
                    if (fault.Times > 1)
                    {
                        remaining.Add(fault with { Times = fault.Times - 1 });
                    }
                }
                else
                {
                    remaining.Add(fault);
                }
            }

            foreach (var fault in remaining)
            {
                _attachedFaults.Enqueue(fault);
            }

            return taken;
        }
    }

    /// <summary>Wakes whoever waits on <see cref="NextChange"/>.</summary>
    internal void MarkChanged()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    internal void MarkFinished()
    {
        _finished.TrySetResult();
        MarkChanged();
    }
}

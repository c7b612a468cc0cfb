using System.Collections.Concurrent;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Webhooks;

namespace FluxSpecs.Emulator;

/// <summary>
/// What every provider endpoint of one emulator shares: options, the job store, the image files, webhook signing and
/// delivery, and the background work that moves jobs along. One per host; resolve it from DI to inspect a hosted emulator.
/// </summary>
internal sealed class EmulatorRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly ConcurrentQueue<Exception> _backgroundErrors = new();
    private readonly WebhookDispatcher _dispatcher;

    /// <summary>Creates the runtime for <paramref name="options"/>.</summary>
    public EmulatorRuntime(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        ReplicateWebhookSecret = options.ReplicateWebhookSecret ?? StandardWebhookSigner.NewSecret();
        FalSigner = new FalWebhookSigner(options.FalWebhookPrivateKey);
        _dispatcher = new WebhookDispatcher(options.WebhookAttempts);
    }

    /// <summary>The options.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Every job, and the create counters.</summary>
    public JobStore Jobs { get; } = new();

    /// <summary>The generated images.</summary>
    public ImageFileStore Files { get; } = new();

    /// <summary>The secret Replicate webhooks are signed with (also at <c>GET /replicate/v1/webhooks/default/secret</c>).</summary>
    public string ReplicateWebhookSecret { get; }

    /// <summary>Signs fal webhooks; its public key is at <c>GET /fal/.well-known/jwks.json</c>.</summary>
    public FalWebhookSigner FalSigner { get; }

    /// <summary>
    /// Exceptions that escaped the emulator's own background work (moving a job along): a bug in the emulator, kept
    /// here rather than lost as an unobserved task exception. Tests assert it stays empty.
    /// </summary>
    public IReadOnlyList<Exception> BackgroundErrors => [.. _backgroundErrors];

    /// <summary>Every webhook call made or refused.</summary>
    public IReadOnlyList<WebhookDelivery> Webhooks => _dispatcher.Deliveries;

    internal DateTimeOffset Now => Options.Clock.GetUtcNow();

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Adds a job and starts moving it through its states, calling <paramref name="onEvent"/> with the state and its time
    /// when the job starts and when it ends.
    /// </summary>
    internal void Start(EmulatorJob job, Func<EmulatorJob, JobState, DateTimeOffset, Task> onEvent)
    {
        Jobs.Add(job);
        Files.Register(job);
        Track(RunAsync(job, onEvent));
    }

    internal void Track(Task task)
    {
        _background[task] = 0;
        _ = task.ContinueWith(
            t =>
            {
                if (t.Exception is { } error)
                {
                    _backgroundErrors.Enqueue(error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error);
                }

                _background.TryRemove(t, out _);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until <paramref name="job"/> has ended or <paramref name="limit"/> has passed.</summary>
    internal async Task WaitAsync(EmulatorJob job, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var delay = Task.Delay(limit, Options.Clock, linked.Token);
        await Task.WhenAny(job.Finished, delay).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
    }

    internal Task SendWebhookAsync(EmulatorJob job, string eventName, Uri url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        _dispatcher.SendAsync(job.ProviderId, job.Id, eventName, url, body, headers, _stopping.Token);

    /// <summary>Cancels <paramref name="job"/> at <paramref name="when"/> on the clock, unless it has ended by then (Replicate's <c>Cancel-After</c>).</summary>
    internal void CancelAt(EmulatorJob job, DateTimeOffset when) => Track(CancelAtAsync(job, when));

    private async Task CancelAtAsync(EmulatorJob job, DateTimeOffset when)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationSignal, _stopping.Token);
        var due = WaitUntilAsync(when, linked.Token);
        if (await Task.WhenAny(job.Finished, due).ConfigureAwait(false) == due && due.IsCompletedSuccessfully)
        {
            job.Cancel(Now, onlyWhileQueued: false);
            return;
        }

        // The job ended first (or the emulator is stopping): stop the timer.
        await linked.CancelAsync().ConfigureAwait(false);
        await due.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task RunAsync(EmulatorJob job, Func<EmulatorJob, JobState, DateTimeOffset, Task> onEvent)
    {
        // Yield first so the create call's response is not held up by the job's start.
        await Task.Yield();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationSignal, _stopping.Token);
            try
            {
                await WaitUntilAsync(job.StartsAt, linked.Token).ConfigureAwait(false);
                job.MarkChanged();
                Jobs.LeftQueue();

                // The start event is described as of the moment the job started, even when this wakes up later.
                if (job.StateAt(job.StartsAt) == JobState.Running)
                {
                    await onEvent(job, JobState.Running, job.StartsAt).ConfigureAwait(false);
                }

                await WaitUntilAsync(job.CompletesAt, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (job.CancellationSignal.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                // Canceled by the client: the job ends now, as Canceled.
            }

            job.MarkFinished();
            if (job.EndedAt < job.StartsAt)
            {
                Jobs.LeftQueue();
            }

            var end = job.EndedAt;
            await onEvent(job, job.StateAt(end), end).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            job.MarkFinished();
        }
        catch (Exception)
        {
            // A bug here must not leave a synchronous caller (Prefer: wait, Lumenfall) waiting for a job that never ends.
            job.MarkFinished();
            throw;
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        // A timer may wake a little early; loop until the clock really is there, so the state read afterwards agrees.
        // The clock is read once per turn: read twice, it could pass 'when' in between and give a negative delay,
        // which Task.Delay refuses (an ArgumentOutOfRangeException that left the job unfinished).
        for (var remaining = when - Now; remaining > TimeSpan.Zero; remaining = when - Now)
        {
            await Task.Delay(remaining, Options.Clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops background work (jobs in flight stop moving; pending webhooks are abandoned).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_background.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Shutting down: a job's failed webhook or a slow task must not fail the dispose.
        }

        _dispatcher.Dispose();
        _stopping.Dispose();
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using FluxSpecs.Clients;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Pricing;
using FluxSpecs.Providers;

namespace FluxSpecs.Jobs;

/// <summary>
/// A job on a provider, in the manner of Azure's <c>Operation&lt;T&gt;</c>: its saved <see cref="Id"/>, its last
/// <see cref="State"/>, and ways to update, wait (with progress), cancel and download. Get one from
/// <see cref="FluxSpecsClient.StartAsync(IModelRequest, string, CancellationToken)"/> or, after a restart, <see cref="FluxSpecsClient.Attach"/>.
/// </summary>
public class ImageJob
{
    private readonly FluxSpecsClient? _client;
    private readonly IProviderProtocol? _protocol;
    private readonly long _created;
    private readonly long? _createdAt;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _statusRequests;
    private int _operationRecorded;
    private int _finishRecorded;

    /// <param name="client">The client the job was started or attached with.</param>
    /// <param name="protocol">Its provider's protocol.</param>
    /// <param name="state">The state the create (or the attach) gave.</param>
    /// <param name="estimate">The price estimated before sending, when known.</param>
    /// <param name="model">The model id, when this instance started the job.</param>
    /// <param name="createdAt">
    /// The <see cref="FluxSpecsClient.Clock"/> timestamp taken before the create request, when this instance started the job; only
    /// such jobs are measured, since a re-attached one may have been measured already by the process that started it.
    /// </param>
    internal ImageJob(FluxSpecsClient client, IProviderProtocol protocol, JobState state, PriceEstimate? estimate, string? model, long? createdAt = null)
    {
        _client = client;
        _protocol = protocol;
        _created = client.Clock.GetTimestamp();
        State = state;
        Estimate = estimate;
        ModelId = model;
        _createdAt = model is null ? null : createdAt;
        RecordIfEnded();
    }

    /// <summary>
    /// A job with no client behind it, for test doubles (<see cref="FluxSpecsModelFactory.ImageJob"/> makes one): it
    /// reports <paramref name="state"/>; on a job that has ended, waiting and updating return that state at once, and
    /// every member that would ask a provider or download throws <see cref="InvalidOperationException"/> unless a
    /// subclass overrides it.
    /// </summary>
    /// <param name="state">The state the job reports.</param>
    /// <param name="estimate">The price estimated before sending, if any.</param>
    /// <param name="modelId">The model id, if known.</param>
    protected ImageJob(JobState state, PriceEstimate? estimate = null, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        State = state;
        Estimate = estimate;
        ModelId = modelId;
    }

    /// <summary>The id to save and re-attach with (<see cref="FluxSpecsClient.Attach"/>); it carries no secret.</summary>
    public virtual string Id => State.Handle.ToString();

    /// <summary>The provider id.</summary>
    public virtual string ProviderId => State.Handle.ProviderId;

    /// <summary>The model id, when this instance started the job (unknown after re-attaching).</summary>
    public virtual string? ModelId { get; }

    /// <summary>The job as last reported.</summary>
    public virtual JobState State { get; private set; }

    /// <summary>True once the job can change no more.</summary>
    public virtual bool HasCompleted => State.IsTerminal;

    /// <summary>The price estimated before sending, when the provider publishes prices.</summary>
    public virtual PriceEstimate? Estimate { get; }

    /// <summary>The estimate next to the cost the provider reported, when both exist.</summary>
    public virtual CostReport? Cost => Estimate is null ? null : new CostReport(Estimate, State.ActualCost);

    /// <summary>Asks the provider for the job's state once.</summary>
    public virtual async Task<JobState> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (!HasCompleted)
        {
            try
            {
                Interlocked.Increment(ref _statusRequests);
                Observe(await Protocol(nameof(UpdateStatusAsync)).GetStateAsync(State.Handle, cancellationToken).ConfigureAwait(false));
            }
            catch (ProviderException e) when (e.ForJob(Id))
            {
                // Not reached: the filter names the job on the exception and lets it pass.
            }
        }

        return State;
    }

    /// <summary>
    /// Waits until the job ends, reporting each change to <paramref name="progress"/>: on the provider's status stream where
    /// it has one (<see cref="ProviderCapabilities.StatusStream"/>), returning as soon as the final state is pushed, else
    /// (or once the stream breaks) by adaptive polling; a webhook handed to <see cref="FluxSpecsClient.DeliverWebhook"/>
    /// ends it at once either way. Cancelling
    /// <paramref name="cancellationToken"/> stops waiting and leaves the remote job running, unless
    /// <paramref name="cancelRemoteJobOnCancel"/> asks to cancel it too. Returns the final state, whatever it is.
    /// </summary>
    /// <exception cref="JobTimeoutException">The job did not end within <see cref="PollingOptions.Timeout"/>.</exception>
    public virtual async Task<JobState> WaitForCompletionAsync(IProgress<JobState>? progress = null, bool cancelRemoteJobOnCancel = false, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var state in WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                progress?.Report(state);
            }

            return State;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && cancelRemoteJobOnCancel && _protocol?.SupportsCancel == true)
        {
            await CancelAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private TimeSpan Age => Client(nameof(WatchAsync)).Clock.GetElapsedTime(_created);

    /// <summary>
    /// This job's typical run time for adaptive polling, in place of <see cref="PollingOptions.TypicalRunTime"/>: the
    /// batch runner sets what the provider's earlier jobs of the batch took, so polls gather around when jobs really end.
    /// </summary>
    internal TimeSpan? TypicalRunTime { get; set; }

    /// <summary>The job's states as they change, ending with the final one.</summary>
    public virtual async IAsyncEnumerable<JobState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            // Nothing to ask: also how a test double made from a final state answers.
            yield return State;
            yield break;
        }

        var client = Client(nameof(WatchAsync));
        using var registration = client.Waiting(this);
        using var activity = Telemetry.Source.StartActivity("fluxspecs.job.wait", ActivityKind.Client);
        activity?.SetTag("gen_ai.provider.name", ProviderId);
        activity?.SetTag("fluxspecs.job.id", State.Handle.JobId);
        var polling = client.Options.Polling;
        var started = Age;
        var pollsPastTypical = 0;
        var unreadable = 0;

        // Push where the provider has it: a status stream delivers states as webhooks do (Deliver), and the loop below
        // polls only once the stream has ended without the job (it broke, or could not be opened).
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var listener = _protocol is { } protocol && PushesStatus(protocol) ? ListenAsync(protocol, client, listening.Token) : null;
        try
        {
            yield return State;
            while (!HasCompleted)
            {
                var elapsed = Age;
                if (elapsed - started > polling.Timeout)
                {
                    var timeout = new JobTimeoutException(State, elapsed - started);
                    RecordWaitFailure(timeout);
                    throw timeout;
                }

                var listened = listener is { IsCompleted: false };
                var typical = TypicalRunTime ?? polling.TypicalRunTime;
                pollsPastTypical += !listened && elapsed >= typical ? 1 : 0;
                var before = State;
                var wake = _wake.Task;
                // While the stream is open, nothing is asked: the wait lasts until a push, the stream's end or the timeout
                // (at most a day at a time, which Task.Delay can take).
                var delay = listened
                    ? TimeSpan.FromTicks(Math.Clamp((polling.Timeout - (elapsed - started)).Ticks, 0, TimeSpan.TicksPerDay) + TimeSpan.TicksPerMillisecond)
                    : polling.NextInterval(elapsed, pollsPastTypical, retryAfter: null, typical);
                await Task.WhenAny(Task.Delay(delay, client.Clock, cancellationToken), wake, listened ? listener! : wake).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (wake.IsCompleted)
                {
                    // A webhook or the status stream delivered a new state: no need to ask the provider.
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                else if (listened && !listener!.IsCompleted)
                {
                    // The stream is still open and the wait has run out: the check above ends it.
                }
                else
                {
                    // Polling: no stream, or it has just ended without the job (then this poll comes at once).
                    try
                    {
                        await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
                        unreadable = 0;
                    }
                    catch (ProviderException e) when (e.IsUnreadableAnswer && ++unreadable <= client.Options.Retry.MaxRetries)
                    {
                        // A read whose answer could not be read (a proxy's page, a cut-off body) is retried like any failed
                        // read, by the next poll; the HTTP pipeline cannot see it, since the answer was a 200.
                        Log.UnreadableStatus(client.Logger, ProviderId, State.Handle.JobId, unreadable, e.ProviderMessage);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && RecordWaitFailure(e))
                    {
                        // Not reached: the filter records how waiting ended and lets the exception pass.
                    }
                }

                if (State.Status != before.Status || State.ProviderStatus != before.ProviderStatus || State.Progress != before.Progress || State.QueuePosition != before.QueuePosition)
                {
                    yield return State;
                }
            }
        }
        finally
        {
            if (listener is not null)
            {
                await listening.CancelAsync().ConfigureAwait(false);
                await listener.ConfigureAwait(false);
            }
        }

        activity?.SetTag("fluxspecs.job.status", State.Status.ToString());
    }

    /// <summary>Whether the job's provider pushes status on a stream (<see cref="ProviderCapabilities.StatusStream"/>).</summary>
    private bool PushesStatus(IProviderProtocol protocol) =>
        ProviderRegistry.TryGet(protocol.ProviderId, out var provider) && provider.Can(ProviderCapabilities.StatusStream);

    /// <summary>
    /// Delivers the states the provider pushes on its status stream until the job ends, the stream breaks or waiting
    /// stops. Never throws: a broken stream is logged, and the wait polls instead.
    /// </summary>
    private async Task ListenAsync(IProviderProtocol protocol, FluxSpecsClient client, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _statusRequests);
            await foreach (var state in protocol.StreamStatesAsync(State.Handle, cancellationToken).ConfigureAwait(false))
            {
                Deliver(state);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Waiting stopped (the job ended, the caller canceled).
        }
        catch (Exception e)
        {
            Log.StatusStreamBroken(client.Logger, ProviderId, State.Handle.JobId, e is ProviderException provider ? provider.ProviderMessage : e.GetType().Name);
        }
    }

    /// <summary>Asks the provider to cancel the job.</summary>
    /// <exception cref="NotSupportedException">The provider cannot cancel jobs (BFL, Vtrix, Magnific, Lumenfall).</exception>
    public virtual async Task<JobState> CancelAsync(CancellationToken cancellationToken = default)
    {
        var protocol = Protocol(nameof(CancelAsync));
        Log.Canceling(_client!.Logger, ProviderId, State.Handle.JobId);
        try
        {
            Observe(await protocol.CancelAsync(State.Handle, cancellationToken).ConfigureAwait(false));
        }
        catch (ProviderException e) when (e.ForJob(Id))
        {
            // Not reached: the filter names the job on the exception and lets it pass.
        }

        return State;
    }

    /// <summary>Returns the final state when the job succeeded; otherwise throws the exception that says how it ended.</summary>
    /// <exception cref="InvalidOperationException">The job has not ended yet.</exception>
    public virtual JobState EnsureSucceeded() => State.Status switch
    {
        JobStatus.Succeeded => State,
        JobStatus.Failed => throw new JobFailedException(State),
        JobStatus.Moderated => throw new JobModeratedException(State),
        JobStatus.Canceled => throw new JobCanceledException(State),
        _ => throw new InvalidOperationException($"The {ProviderId} job {State.Handle.JobId} has not ended ({State.ProviderStatus}); wait for it first."),
    };

    /// <summary>Opens output <paramref name="index"/> as a stream; reading past the size limit throws <see cref="DownloadException"/>.</summary>
    public virtual Task<Stream> OpenOutputAsync(int index = 0, CancellationToken cancellationToken = default) =>
        OutputDownloader.OpenAsync(Client(nameof(OpenOutputAsync)), Output(index), cancellationToken);

    /// <summary>Downloads output <paramref name="index"/> into memory (at most <see cref="FluxSpecsOptions.MaxDownloadBytes"/>).</summary>
    /// <exception cref="DownloadException">The download failed, was too large, or is not an image.</exception>
    public virtual async Task<byte[]> DownloadAsync(int index = 0, CancellationToken cancellationToken = default)
    {
        var output = Output(index);
        await using var stream = await OpenOutputAsync(index, cancellationToken).ConfigureAwait(false);
        using var memory = new MemoryStream();
        await CopyImageAsync(stream, memory, output, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }

    /// <summary>
    /// Downloads output <paramref name="index"/> to <paramref name="path"/>. The bytes go to a new temporary file beside
    /// it, which replaces <paramref name="path"/> only once the whole image has arrived; nothing else is written, and
    /// nothing is left behind when it fails.
    /// </summary>
    /// <exception cref="DownloadException">The download failed, was too large, or is not an image.</exception>
    public virtual async Task DownloadToFileAsync(string path, int index = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"'{path}' is a directory; give the path of the file to write.", nameof(path));
        }

        await DownloadIntoAsync(Path.GetDirectoryName(full)!, _ => Path.GetFileName(full), index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads output <paramref name="index"/> into <paramref name="directory"/> under the name <paramref name="nameFor"/>
    /// gives for its format (read from its first bytes, which every download checks), whole or not at all, as
    /// <see cref="DownloadToFileAsync(string, int, CancellationToken)"/> does; returns that name.
    /// </summary>
    internal async Task<string> DownloadIntoAsync(string directory, Func<ImageFormat, string> nameFor, int index, CancellationToken cancellationToken)
    {
        var output = Output(index);

        // A fresh name (CreateNew), so that no file already there is overwritten or deleted by a failed download.
        var partial = Path.Combine(directory, "." + Guid.NewGuid().ToString("N")[..12] + ".part");
        try
        {
            ImageFormat format;
            await using (var source = await OpenOutputAsync(index, cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                format = await CopyImageAsync(source, target, output, cancellationToken).ConfigureAwait(false);
            }

            var name = nameFor(format);
            File.Move(partial, Path.Combine(directory, name), overwrite: true);
            return name;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Copies an output, refusing it before anything is written when its first bytes are not an image; returns its format.</summary>
    private static async Task<ImageFormat> CopyImageAsync(Stream source, Stream target, JobOutput output, CancellationToken cancellationToken)
    {
        var head = new byte[16];
        var read = 0;
        int count;
        while (read < head.Length && (count = await source.ReadAsync(head.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += count;
        }

        var format = OutputDownloader.EnsureImage(head.AsSpan(0, read), output);
        await target.WriteAsync(head.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(target, OutputDownloader.CopyBufferSize, cancellationToken).ConfigureAwait(false);
        return format;
    }

    private JobOutput Output(int index)
    {
        EnsureSucceeded();
        if (State.Outputs.Count == 0)
        {
            throw new DownloadException($"The {ProviderId} job {State.Handle.JobId} succeeded, but the provider's answer gave no image that can be downloaded.");
        }

        return index >= 0 && index < State.Outputs.Count
            ? State.Outputs[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The job has {State.Outputs.Count} output(s).");
    }

    /// <summary>The client behind the job; a test double without one cannot do <paramref name="member"/>.</summary>
    private FluxSpecsClient Client(string member) => _client ?? throw NoClient(member);

    private IProviderProtocol Protocol(string member) => _protocol ?? throw NoClient(member);

    private InvalidOperationException NoClient(string member) => new(
        $"This {ProviderId} job was made without a client (a test double), so {member} cannot reach the provider; override {member} to fake it.");

    /// <summary>A state from a webhook: taken at once by a waiting <see cref="WatchAsync"/>.</summary>
    internal void Deliver(JobState state)
    {
        Observe(state);
        _wake.TrySetResult();
    }

    private void Observe(JobState state)
    {
        if (State.IsTerminal && !state.IsTerminal)
        {
            // A late answer (a poll or push sent before the end) cannot bring an ended job back.
            return;
        }

        if (state.Status != State.Status || state.ProviderStatus != State.ProviderStatus)
        {
            Log.StatusChanged(_client?.Logger ?? NullLogger.Instance, ProviderId, state.Handle.JobId, state.Status, state.ProviderStatus);
        }

        // Keep what an earlier answer said and a later one leaves out (BFL's cost is only in the create answer).
        State = state.ActualCost is null && State.ActualCost is { } cost ? state with { ActualCost = cost } : state;
        RecordIfEnded();
    }

    /// <summary>Records the job's metrics the first time it is seen ended (polling and a webhook may both see it).</summary>
    private void RecordIfEnded()
    {
        if (_createdAt is not { } createdAt || State is not { IsTerminal: true } ended || Interlocked.Exchange(ref _finishRecorded, 1) != 0)
        {
            return;
        }

        var elapsed = _client!.Clock.GetElapsedTime(createdAt);
        RecordOperation(ended.Status == JobStatus.Succeeded ? null : FluxSpecsMetrics.StatusName(ended.Status));
        FluxSpecsMetrics.RecordFinished(ProviderId, ModelId!, ended.Status, elapsed, Volatile.Read(ref _statusRequests), Estimate?.AmountUsd, CostReport.ToUsd(ended.ActualCost, Estimate?.CreditUsd));
    }

    /// <summary>Records that waiting ended with <paramref name="error"/> before the job did; false, so that it can filter an exception.</summary>
    private bool RecordWaitFailure(Exception error)
    {
        RecordOperation(error.GetType().FullName);
        return false;
    }

    private void RecordOperation(string? errorType)
    {
        if (_createdAt is { } createdAt && Interlocked.Exchange(ref _operationRecorded, 1) == 0)
        {
            FluxSpecsMetrics.RecordOperation(ProviderId, ModelId!, _client!.Clock.GetElapsedTime(createdAt), errorType);
        }
    }
}

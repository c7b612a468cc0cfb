using System.Collections.Concurrent;
using System.Diagnostics;
using FluxSpecs.Errors;
using FluxSpecs.GeneratedCode;
using FluxSpecs.Jobs;
using FluxSpecs.Mapping;
using FluxSpecs.Pricing;
using FluxSpecs.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxSpecs.Clients;

/// <summary>
/// Sends generated requests to providers: estimate, start, wait, cancel, re-attach, download. One instance serves every
/// model and provider; it is thread-safe and meant to live as long as the application (register it with
/// <c>services.AddFluxSpecs()</c>).
/// </summary>
public class FluxSpecsClient : IDisposable
{
    private readonly ConcurrentDictionary<string, IProviderProtocol> _protocols = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Provider, string JobId), ImageJob> _waiting = new();
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>
    /// Creates a client with its own resilient <see cref="HttpClient"/>. Keys and base URLs come from
    /// <paramref name="options"/>, else the environment (<c>BFL_API_KEY</c>, <c>FLUXSPECS_BFL_BASE_URL</c> …).
    /// </summary>
    public FluxSpecsClient(FluxSpecsOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(options ?? new FluxSpecsOptions(), null, loggerFactory ?? NullLoggerFactory.Instance)
    {
    }

    /// <summary>Creates a client over <paramref name="http"/>, which should come from <see cref="FluxSpecsHttp.CreateHandler(FluxSpecsOptions, ILogger, HttpMessageHandler?)"/> (dependency injection does this).</summary>
    internal FluxSpecsClient(FluxSpecsOptions options, HttpClient? http, ILoggerFactory loggerFactory)
    {
        Options = options;
        Clock = options.TimeProvider;
        Logger = loggerFactory.CreateLogger<FluxSpecsClient>();
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(FluxSpecsHttp.CreateHandler(options, Logger, FluxSpecsHttp.CreatePrimaryHandler()), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the pipeline's own timeouts apply
        };
    }

    /// <summary>
    /// For test doubles: a client that sends nothing. Subclass it and override what the code under test calls
    /// (<see cref="StartAsync(IModelRequest, string, CancellationToken)"/>, <see cref="GenerateAsync"/>, <see cref="Attach"/> …), for example to return jobs made by
    /// <see cref="FluxSpecsModelFactory.ImageJob"/>; members not overridden fail as a client without providers would.
    /// </summary>
    protected FluxSpecsClient()
        : this(new FluxSpecsOptions(), new HttpClient(new NoNetworkHandler()), NullLoggerFactory.Instance)
    {
        _ownsHttp = true;
    }

    /// <summary>The options the client runs with.</summary>
    public FluxSpecsOptions Options { get; }

    internal ILogger Logger { get; }

    /// <summary>The clock jobs are polled on: the one the HTTP pipeline was built with, whatever the options say later.</summary>
    internal TimeProvider Clock { get; }

    internal HttpClient Http => _http;

    /// <summary>What <paramref name="request"/> would cost on <paramref name="providerId"/> (the generated calculator).</summary>
    public virtual PriceEstimate EstimatePrice(IModelRequest request, [ProviderId] string providerId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.EstimatePrice(providerId);
    }

    /// <summary>
    /// Starts a job: validates for the provider, downloads the URL reference images the provider takes as bytes, maps,
    /// and creates it (once: a create is never retried). A request for several images (its image count) is one job
    /// where the provider takes a count; where it does not, use <see cref="StartImagesAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The image count is above 1 and the provider has no count of its own; nothing was sent.</exception>
    /// <exception cref="Errors.RequestValidationException">The request breaks a rule; nothing was sent.</exception>
    /// <exception cref="ReferenceImageException">A URL reference image the provider needs as bytes could not be downloaded; nothing was sent.</exception>
    /// <exception cref="ProviderException">The provider refused or failed the create; <see cref="ProviderException.JobMayExist"/> says whether a job may exist.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "The overload with JobStartOptions takes a required token, so every call binds to exactly one of the two.")]
    public virtual Task<ImageJob> StartAsync(IModelRequest request, [ProviderId] string providerId, CancellationToken cancellationToken = default) =>
        StartJobAsync(request, providerId, wait: null, cancelAfter: null, cancellationToken);

    /// <summary>
    /// Starts a job as <see cref="StartAsync(IModelRequest, string, CancellationToken)"/> does, with what
    /// <paramref name="options"/> asks of the create (a deadline the provider enforces itself, where it takes one).
    /// </summary>
    /// <exception cref="InvalidOperationException">The image count is above 1 and the provider has no count of its own; nothing was sent.</exception>
    /// <exception cref="Errors.RequestValidationException">The request breaks a rule; nothing was sent.</exception>
    /// <exception cref="ReferenceImageException">A URL reference image the provider needs as bytes could not be downloaded; nothing was sent.</exception>
    /// <exception cref="ProviderException">The provider refused or failed the create; <see cref="ProviderException.JobMayExist"/> says whether a job may exist.</exception>
    public virtual Task<ImageJob> StartAsync(IModelRequest request, [ProviderId] string providerId, JobStartOptions? options, CancellationToken cancellationToken) =>
        StartJobAsync(request, providerId, wait: null, options?.CancelAfter, cancellationToken);

    /// <summary>
    /// Starts a job and waits for it, using the provider's fastest signal (Replicate holds the create open, fal pushes its
    /// status on a stream), else adaptive polling. Returns the finished job; throws when it failed, was moderated or canceled.
    /// For several images on a provider without a count of its own, use <see cref="GenerateImagesAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The image count is above 1 and the provider has no count of its own; nothing was sent.</exception>
    /// <exception cref="Errors.JobFailedException">The job failed.</exception>
    /// <exception cref="Errors.JobModeratedException">The job was moderated.</exception>
    /// <exception cref="Errors.JobCanceledException">The job was canceled.</exception>
    /// <exception cref="Errors.JobTimeoutException">The job did not finish within <see cref="PollingOptions.Timeout"/>.</exception>
    public virtual async Task<ImageJob> GenerateAsync(IModelRequest request, [ProviderId] string providerId, IProgress<JobState>? progress = null, CancellationToken cancellationToken = default)
    {
        var job = await StartJobAsync(request, providerId, Options.CreateWait, cancelAfter: null, cancellationToken).ConfigureAwait(false);
        await job.WaitForCompletionAsync(progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        job.EnsureSucceeded();
        return job;
    }

    /// <summary>
    /// Starts every image of the request's image count (the card's <c>image_count</c>, <c>ImageCount</c> on the request)
    /// at once: one job where the provider takes a count (fal's <c>num_images</c>, Lumenfall's <c>n</c>), else one job
    /// per image. Validated first (a count over the provider's limit sends nothing); each create is sent exactly once.
    /// </summary>
    /// <returns>
    /// The group of the jobs created. When some creates failed, the group still holds the jobs that were created and
    /// lists the failures in <see cref="ImageJobGroup.CreateFailures"/>; nothing is re-sent.
    /// </returns>
    /// <exception cref="Errors.RequestValidationException">The request breaks a rule; nothing was sent.</exception>
    /// <exception cref="ReferenceImageException">A URL reference image the provider needs as bytes could not be downloaded; nothing was sent.</exception>
    /// <exception cref="ProviderException">Every create failed (this is the first one's exception).</exception>
    public virtual Task<ImageJobGroup> StartImagesAsync(IModelRequest request, [ProviderId] string providerId, CancellationToken cancellationToken = default) =>
        StartGroupAsync(request, providerId, wait: null, cancellationToken);

    /// <summary>
    /// Starts every image of the request's image count (as <see cref="StartImagesAsync"/>) and waits for all of them;
    /// returns the group, whose <see cref="ImageJobGroup.Outputs"/> are every image. Throws when any create or job did
    /// not succeed (<see cref="ImageJobGroup.EnsureSucceeded"/>); to keep the images of a group that partly failed, use
    /// <see cref="StartImagesAsync"/> and <see cref="ImageJobGroup.WaitForCompletionAsync"/>.
    /// </summary>
    /// <exception cref="Errors.RequestValidationException">The request breaks a rule; nothing was sent.</exception>
    /// <exception cref="ProviderException">A create failed.</exception>
    /// <exception cref="Errors.JobFailedException">A job failed.</exception>
    /// <exception cref="Errors.JobModeratedException">A job was moderated.</exception>
    /// <exception cref="Errors.JobCanceledException">A job was canceled.</exception>
    /// <exception cref="Errors.JobTimeoutException">A job did not finish within <see cref="PollingOptions.Timeout"/>.</exception>
    public virtual async Task<ImageJobGroup> GenerateImagesAsync(IModelRequest request, [ProviderId] string providerId, IProgress<JobState>? progress = null, CancellationToken cancellationToken = default)
    {
        var group = await StartGroupAsync(request, providerId, Options.CreateWait, cancellationToken).ConfigureAwait(false);
        await group.WaitForCompletionAsync(progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        group.EnsureSucceeded();
        return group;
    }

    /// <summary>Re-attaches to a group of jobs from its saved <see cref="ImageJobGroup.Id"/> (or one job's saved id).</summary>
    /// <exception cref="FormatException">The id is not a saved group or job id.</exception>
    public virtual ImageJobGroup AttachGroup(string groupId) =>
        new([.. ImageJobGroup.ParseId(groupId).Select(handle => Attach(handle.ToString()))], [], estimate: null);

    /// <summary>Re-attaches to a job from its saved <see cref="ImageJob.Id"/>, for example after a restart.</summary>
    /// <exception cref="FormatException">The id is not a saved job id.</exception>
    public virtual ImageJob Attach(string jobId)
    {
        var handle = JobHandle.Parse(jobId);
        var state = new JobState { Handle = handle, Status = JobStatus.Queued, ProviderStatus = "unknown (re-attached)" };
        return new ImageJob(this, Protocol(handle.ProviderId), state, estimate: null, model: null);
    }

    /// <summary>The protocol of a provider, connected with the configured key and base URL.</summary>
    /// <exception cref="InvalidOperationException">The provider's key is not configured; the message names the variable to set.</exception>
    /// <exception cref="ArgumentException">No provider with that id is registered in <see cref="ProviderRegistry"/>.</exception>
    public virtual IProviderProtocol Protocol(string providerId) => _protocols.GetOrAdd(providerId, id =>
    {
        var provider = ProviderRegistry.Get(id);

        // Read without adding an entry: protocols are made concurrently, and Providers is a plain dictionary.
        var configured = Options.Providers.GetValueOrDefault(id);
        var key = configured?.ApiKey ?? Environment.GetEnvironmentVariable(provider.KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException($"No API key for {id}: set {provider.KeyVariable} or FluxSpecsOptions.Providers[\"{id}\"].ApiKey.");
        }

        var baseUrl = configured?.BaseUrl
            ?? (Environment.GetEnvironmentVariable(provider.BaseUrlVariable) is { Length: > 0 } url ? new Uri(url) : null)
            ?? provider.DefaultBaseUrl;
        return provider.CreateProtocol(new ProviderConnection(_http, baseUrl, key) { MaxResponseBytes = Options.MaxResponseBytes });
    });

    /// <summary>
    /// Hands a job state that arrived by webhook (parsed and verified by a webhook verifier) to the job being waited
    /// for in this process, which then ends or moves on at once instead of at its next poll. Returns false when no job
    /// with that id is being waited for here.
    /// </summary>
    public virtual bool DeliverWebhook(JobState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!_waiting.TryGetValue((state.Handle.ProviderId, state.Handle.JobId), out var job))
        {
            return false;
        }

        // The webhook's handle may lack the links the submit returned; keep the waiting job's own.
        job.Deliver(state with { Handle = job.State.Handle });
        return true;
    }

    internal IDisposable Waiting(ImageJob job)
    {
        var key = (job.ProviderId, job.State.Handle.JobId);
        _waiting[key] = job;
        return new Registration(() => _waiting.TryRemove(new KeyValuePair<(string, string), ImageJob>(key, job)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the client's own <see cref="HttpClient"/>, when it made one.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<ImageJob> StartJobAsync(IModelRequest request, string providerId, TimeSpan? wait, TimeSpan? cancelAfter, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, providerId, cancellationToken).ConfigureAwait(false);
        if (prepared.Jobs > 1)
        {
            throw new InvalidOperationException(
                $"{providerId} has no image count of its own for {request.Model.Id}, so {prepared.Jobs} images take {prepared.Jobs} jobs: use StartImagesAsync or GenerateImagesAsync, which start them and return the group. Nothing was sent.");
        }

        return await CreateAsync(prepared, wait, cancelAfter, prepared.Estimate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts every job of a request's image count at once: one create where the provider takes the count, else one per
    /// image. Each create is sent exactly once; a failed one is kept in the group (never re-sent), and only when none
    /// succeeded is its exception thrown.
    /// </summary>
    private async Task<ImageJobGroup> StartGroupAsync(IModelRequest request, string providerId, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, providerId, cancellationToken).ConfigureAwait(false);
        var perJob = prepared.Estimate is { } estimate && prepared.Jobs > 1 ? PriceCalculator.PerJob(estimate, prepared.Jobs) : prepared.Estimate;
        var creates = Enumerable.Range(0, prepared.Jobs).Select(async _ =>
        {
            try
            {
                return (Job: await CreateAsync(prepared, wait, cancelAfter: null, perJob, cancellationToken).ConfigureAwait(false), Error: (Exception?)null);
            }
            catch (Exception e) when (e is not RequestValidationException)
            {
                return (Job: (ImageJob?)null, Error: e);
            }
        }).ToList();
        var results = await Task.WhenAll(creates).ConfigureAwait(false);
        var jobs = results.Where(r => r.Job is not null).Select(r => r.Job!).ToList();
        var failures = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        if (jobs.Count == 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }

        if (failures.Count > 0)
        {
            Log.GroupCreatesFailed(Logger, providerId, request.Model.Id, failures.Count, prepared.Jobs);
        }

        return new ImageJobGroup(jobs, failures, prepared.Estimate);
    }

    /// <summary>
    /// Everything before a create, once per request: validation for the provider, the image count (how many jobs it
    /// takes), the reference images the provider needs as bytes, the payload and the estimate.
    /// </summary>
    private async Task<PreparedRequest> PrepareAsync(IModelRequest request, string providerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(providerId);
        request.Validate(providerId).ThrowIfInvalid();
        var count = ImageCountOf(request);
        var jobs = count > 1 && request.Model.FindProvider(providerId)?.ImageCountField is null ? count : 1;
        request = await ReferenceImageFetcher.FetchAsync(this, request, providerId, cancellationToken).ConfigureAwait(false);
        var payload = request.CreatePayload(providerId);
        var estimate = request.Model.FindProvider(providerId)?.Pricing is null ? null : request.EstimatePrice(providerId);
        return new PreparedRequest(request, providerId, payload, estimate, jobs);
    }

    /// <summary>The request's image count: its <c>image_count</c> when the card has one and it is set, else 1.</summary>
    internal static int ImageCountOf(IModelRequest request) =>
        request.Model.ImageCount is { } parameter && request.GetParameter(parameter.Name) is { } value
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : 1;

    /// <summary>Sends one create (never retried) and makes its job.</summary>
    private async Task<ImageJob> CreateAsync(PreparedRequest prepared, TimeSpan? wait, TimeSpan? cancelAfter, PriceEstimate? estimate, CancellationToken cancellationToken)
    {
        var (request, providerId, payload) = (prepared.Request, prepared.ProviderId, prepared.Payload);
        var protocol = Protocol(providerId);
        using var activity = Telemetry.Source.StartActivity("fluxspecs.job.create " + request.Model.Id, ActivityKind.Client);
        activity?.SetTag("gen_ai.provider.name", providerId);
        activity?.SetTag("gen_ai.request.model", request.Model.Id);
        activity?.SetTag("fluxspecs.provider.model", payload.ProviderModelId);
        if ((estimate?.OutputSize ?? request.OutputSize(providerId)) is { } size)
        {
            activity?.SetTag("gen_ai.request.image.width", size.Width);
            activity?.SetTag("gen_ai.request.image.height", size.Height);
        }

        var createdAt = Clock.GetTimestamp();
        JobState state;
        try
        {
            state = await protocol.SubmitAsync(payload.ToSubmission() with { Wait = wait, CancelAfter = cancelAfter }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            FluxSpecsMetrics.RecordOperation(providerId, request.Model.Id, Clock.GetElapsedTime(createdAt), e.GetType().FullName);
            throw;
        }

        activity?.SetTag("fluxspecs.job.id", state.Handle.JobId);
        Log.Created(Logger, providerId, state.Handle.JobId, request.Model.Id, state.ProviderStatus);
        return new ImageJob(this, protocol, state, estimate, request.Model.Id, createdAt);
    }

    /// <summary>
    /// A request made ready to send: validated, its images in the form the provider takes, mapped and priced, with how
    /// many creates it takes (<c>Jobs</c>: its image count where the provider has no count field, else 1).
    /// </summary>
    private sealed record PreparedRequest(IModelRequest Request, string ProviderId, ProviderPayload Payload, PriceEstimate? Estimate, int Jobs);

    /// <summary>What a test double's client sends through: nothing leaves the process.</summary>
    private sealed class NoNetworkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This FluxSpecsClient is a test double; override the member the code under test calls.");
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}

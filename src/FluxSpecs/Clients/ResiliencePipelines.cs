using System.Collections.Concurrent;
using FluxSpecs.Providers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FluxSpecs.Clients;

/// <summary>
/// The resilience of FluxSpecs' HTTP calls, on Microsoft.Extensions.Http.Resilience: reads retry on 408, 429, 5xx and
/// transport errors with jittered exponential backoff that honours <c>Retry-After</c>, inside a total timeout and with a
/// timeout per attempt. A create is never retried — once it may have reached the provider, a second one could start a
/// second paid job — and only has its own timeout. A status stream is opened once, within one attempt's timeout (the
/// wait polls when it fails). Each attempt is a span and a log line
/// (<see cref="AttemptTelemetryStrategy"/>).
/// </summary>
/// <remarks>
/// The pipeline is chosen per request (<see cref="For"/>), so the handler a <see cref="FluxSpecsClient"/> makes for itself
/// and the one registered with <c>IHttpClientFactory</c> are the same. Each provider may have its own
/// <see cref="RetryOptions"/>; the pipelines are built once per options object.
/// </remarks>
internal sealed class ResiliencePipelines
{
    private readonly Func<string?, RetryOptions> _optionsFor;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<RetryOptions, Built> _built = new(ReferenceEqualityComparer.Instance);

    /// <param name="optionsFor">The options for a provider id (null for a download, which has no provider).</param>
    /// <param name="clock">The clock of delays and timeouts.</param>
    /// <param name="logger">Where each attempt and retry is logged.</param>
    public ResiliencePipelines(Func<string?, RetryOptions> optionsFor, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _optionsFor = optionsFor;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The pipeline of <paramref name="request"/>: the create pipeline for a create, else the read pipeline.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request)
    {
        var providerId = request.Options.TryGetValue(ProviderHttp.ProviderKey, out var id) ? id : null;
        var pipelines = _built.GetOrAdd(_optionsFor(providerId), Build);
        request.Options.TryGetValue(ProviderHttp.OperationKey, out var operation);
        return operation switch
        {
            ProviderHttp.Create => pipelines.Creates,
            ProviderHttp.Stream => pipelines.Streams,
            _ => pipelines.Reads,
        };
    }

    private Built Build(RetryOptions options)
    {
        var creates = Builder()
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.CreateTimeout })
            .AddStrategy(_ => new AttemptTelemetryStrategy(_logger), AttemptTelemetryStrategy.Options)
            .Build();
        // A status stream is opened once, within one attempt's time: when it fails, the wait polls instead.
        var streams = Builder()
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .AddStrategy(_ => new AttemptTelemetryStrategy(_logger), AttemptTelemetryStrategy.Options)
            .Build();
        var reads = Builder().AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            reads.AddRetry(Retry(options));
        }

        return new Built(
            reads.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout })
                .AddStrategy(_ => new AttemptTelemetryStrategy(_logger), AttemptTelemetryStrategy.Options)
                .Build(),
            creates,
            streams);
    }

    private ResiliencePipelineBuilder<HttpResponseMessage> Builder() => new() { TimeProvider = _clock };

    /// <summary>
    /// The library's retry (transient outcomes, jittered exponential backoff, <c>Retry-After</c>), with the provider's
    /// <c>Retry-After</c> held to <see cref="RetryOptions.MaxDelay"/>: Polly caps only the delays it computes, and a
    /// provider asking for an hour would otherwise hold a read that long.
    /// </summary>
    private HttpRetryStrategyOptions Retry(RetryOptions options)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            OnRetry = OnRetry,
        };
        var retryAfter = retry.DelayGenerator!;
        retry.DelayGenerator = async args =>
        {
            var wait = await retryAfter(args).ConfigureAwait(false);
            return wait > options.MaxDelay ? options.MaxDelay : wait;
        };
        return retry;
    }

    private ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        Log.Retrying(_logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception?.GetType().Name, args.RetryDelay);
        var request = args.Context.GetRequestMessage();
        FluxSpecsMetrics.RecordRetry(
            request?.Options.TryGetValue(ProviderHttp.ProviderKey, out var provider) == true ? provider : "unknown",
            request?.Options.TryGetValue(ProviderHttp.OperationKey, out var operation) == true ? operation : "download");
        return ValueTask.CompletedTask;
    }

    private sealed record Built(ResiliencePipeline<HttpResponseMessage> Reads, ResiliencePipeline<HttpResponseMessage> Creates, ResiliencePipeline<HttpResponseMessage> Streams);
}

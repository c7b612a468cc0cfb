using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FluxSpecs.Providers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FluxSpecs.Clients;

/// <summary>
/// The HTTP pipeline's resilience, on Polly.Core: reads retry on 408, 429, 5xx and transport errors with jittered
/// exponential backoff that honours <c>Retry-After</c>, inside a total timeout and with a timeout per attempt. A create
/// is never retried — once it may have reached the provider, a second one could start a second paid job — and only has
/// its own timeout. Each attempt is a trace span and a log line, with no header (so no key) in either. Each provider
/// may have its own <see cref="RetryOptions"/>; the pipelines are built once per options object.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private readonly Func<string?, RetryOptions> _optionsFor;
    private readonly ConcurrentDictionary<RetryOptions, Pipelines> _pipelines = new(ReferenceEqualityComparer.Instance);
    private readonly ILogger _logger;

    /// <param name="optionsFor">The options for a provider id (null for a download, which has no provider).</param>
    /// <param name="logger">Where each attempt is logged.</param>
    public ResilienceHandler(Func<string?, RetryOptions> optionsFor, ILogger logger)
    {
        _optionsFor = optionsFor;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Options.TryGetValue(ProviderHttp.OperationKey, out var value) ? value : "download";
        var providerId = request.Options.TryGetValue(ProviderHttp.ProviderKey, out var id) ? id : null;
        var provider = providerId ?? "unknown";
        var pipelines = _pipelines.GetOrAdd(_optionsFor(providerId), Build);
        var pipeline = operation == ProviderHttp.Create ? pipelines.Creates : pipelines.Reads;
        var attempts = 0;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                if (attempts++ > 0) FluxSpecsMetrics.RecordRetry(provider, operation);
                using var activity = Telemetry.Source.StartActivity("fluxspecs.http " + operation, ActivityKind.Client);
                activity?.SetTag("fluxspecs.provider", provider);
                activity?.SetTag("http.request.method", request.Method.Method);
                activity?.SetTag("url.path", request.RequestUri?.AbsolutePath);
                Log.Sending(_logger, provider, operation, request.Method.Method, request.RequestUri?.AbsolutePath);
                var response = await base.SendAsync(request, token).ConfigureAwait(false);
                activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                Log.Received(_logger, provider, operation, (int)response.StatusCode);
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Pipelines Build(RetryOptions options)
    {
        var creates = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(options.CreateTimeout).Build();
        var reads = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            reads.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxDelay)),
                OnRetry = args =>
                {
                    Log.Retrying(_logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception?.GetType().Name, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return new Pipelines(reads.AddTimeout(options.AttemptTimeout).Build(), creates);
    }

    private sealed record Pipelines(ResiliencePipeline<HttpResponseMessage> Reads, ResiliencePipeline<HttpResponseMessage> Creates);

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The provider's Retry-After, capped; null lets the backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap) =>
        ProviderHttp.RetryAfter(response?.Headers.RetryAfter) is { } wait && wait > TimeSpan.Zero ? (wait < cap ? wait : cap) : null;
}

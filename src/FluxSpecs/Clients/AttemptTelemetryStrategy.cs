using System.Diagnostics;
using FluxSpecs.Providers;
using Microsoft.Extensions.Logging;
using Polly;

namespace FluxSpecs.Clients;

/// <summary>
/// The innermost step of the HTTP pipelines: each attempt, retries included, is a trace span
/// (<c>fluxspecs.http &lt;operation&gt;</c>) and a log line. Neither carries a header (so no key) nor a query.
/// </summary>
internal sealed class AttemptTelemetryStrategy(ILogger logger) : ResilienceStrategy<HttpResponseMessage>
{
    /// <summary>Its options: it has none but its name.</summary>
    public static readonly ResilienceStrategyOptions Options = new AttemptTelemetryOptions();

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        var request = context.GetRequestMessage();
        var operation = request?.Options.TryGetValue(ProviderHttp.OperationKey, out var value) == true ? value : "download";
        var provider = request?.Options.TryGetValue(ProviderHttp.ProviderKey, out var id) == true ? id : "unknown";
        var method = request?.Method.Method ?? "?";
        using var activity = Telemetry.Source.StartActivity("fluxspecs.http " + operation, ActivityKind.Client);
        activity?.SetTag("fluxspecs.provider", provider);
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("url.path", request?.RequestUri?.AbsolutePath);
        Log.Sending(logger, provider, operation, method, request?.RequestUri?.AbsolutePath);
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { } response)
        {
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            Log.Received(logger, provider, operation, (int)response.StatusCode);
        }

        return outcome;
    }

    private sealed class AttemptTelemetryOptions : ResilienceStrategyOptions
    {
        public AttemptTelemetryOptions() => Name = "FluxSpecs attempt telemetry";
    }
}

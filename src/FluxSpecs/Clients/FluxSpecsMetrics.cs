using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluxSpecs.Jobs;

namespace FluxSpecs.Clients;

/// <summary>
/// The instruments of the <see cref="Telemetry.MeterName"/> meter. Names and tags follow the OpenTelemetry gen_ai
/// conventions where they have one; the rest are FluxSpecs's own. Tags are provider ids, model ids, job statuses,
/// operation names and exception type names only: bounded sets, with no job id, prompt, URL or key.
/// </summary>
internal static class FluxSpecsMetrics
{
    /// <summary>Image generation is multimodal content generation, which the conventions name <c>generate_content</c>.</summary>
    public const string GenerateContent = "generate_content";

    public const string OperationTag = "gen_ai.operation.name";
    public const string ProviderTag = "gen_ai.provider.name";
    public const string ModelTag = "gen_ai.request.model";
    public const string ErrorTypeTag = "error.type";
    public const string StatusTag = "fluxspecs.job.status";
    public const string HttpOperationTag = "fluxspecs.http.operation";

    // The boundaries the gen_ai conventions advise for operation durations: 10 ms to 82 s, doubling.
    private static readonly double[] SecondsBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 327.68];
    private static readonly int[] RequestBuckets = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256];

    internal static readonly Meter Meter = new(Telemetry.MeterName);

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "From the create request until the job ended, or until the create or the wait failed.", advice: new() { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> Jobs = Meter.CreateCounter<long>(
        "fluxspecs.jobs", "{job}", "Jobs this process started that ended, by final status.");

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "fluxspecs.job.duration", "s", "From the create request until the job ended, by final status.", advice: new() { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<int> StatusRequests = Meter.CreateHistogram<int>(
        "fluxspecs.job.status_requests", "{request}", "Status requests a job needed before it ended (a webhook or a held create saves them).", advice: new() { HistogramBucketBoundaries = RequestBuckets });

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "fluxspecs.http.retries", "{retry}", "HTTP attempts repeated after a transient failure (408, 429, 5xx, transport error, attempt timeout).");

    private static readonly Counter<double> EstimatedCost = Meter.CreateCounter<double>(
        "fluxspecs.job.cost.estimated", "USD", "The price estimated before sending, of jobs that ended, where the card prices the provider.");

    private static readonly Counter<double> ReportedCost = Meter.CreateCounter<double>(
        "fluxspecs.job.cost.reported", "USD", "The cost the provider reported, of jobs that ended, where it reports one in dollars or in credits of known value.");

    /// <summary>The end of a job's operation: <paramref name="errorType"/> is null when it succeeded.</summary>
    public static void RecordOperation(string provider, string model, TimeSpan elapsed, string? errorType)
    {
        var tags = new TagList { { OperationTag, GenerateContent }, { ProviderTag, provider }, { ModelTag, model } };
        if (errorType is not null)
        {
            tags.Add(ErrorTypeTag, errorType);
        }

        OperationDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>A job that ended: counted, timed, its status requests and its costs recorded.</summary>
    public static void RecordFinished(string provider, string model, JobStatus status, TimeSpan elapsed, int statusRequests, decimal? estimatedUsd, decimal? reportedUsd)
    {
        var tags = new TagList { { ProviderTag, provider }, { ModelTag, model }, { StatusTag, StatusName(status) } };
        Jobs.Add(1, tags);
        JobDuration.Record(elapsed.TotalSeconds, tags);
        StatusRequests.Record(statusRequests, tags);
        if (estimatedUsd is { } estimated)
        {
            EstimatedCost.Add((double)estimated, tags);
        }

        if (reportedUsd is { } reported)
        {
            ReportedCost.Add((double)reported, tags);
        }
    }

    /// <summary>One more attempt of an HTTP call; <paramref name="operation"/> is FluxSpecs's name for the call (create, status, download …).</summary>
    public static void RecordRetry(string provider, string operation) =>
        Retries.Add(1, new TagList { { ProviderTag, provider }, { HttpOperationTag, operation } });

    /// <summary>The status as a tag and an <c>error.type</c>: lower case, as the conventions write values.</summary>
    public static string StatusName(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Canceled => "canceled",
        JobStatus.Moderated => "moderated",
        _ => "_OTHER",
    };
}

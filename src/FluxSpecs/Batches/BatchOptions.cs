using FluxSpecs.Catalog;

namespace FluxSpecs.Batches;

/// <summary>What a <see cref="BatchRunner"/> runs with.</summary>
public sealed class BatchOptions
{
    /// <summary>The folder that receives the images, <c>journal.db</c> and <c>results.jsonl</c>; running again over it resumes.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The models rows may name (the application's catalog, e.g. <c>FluxSpecs.Models.ModelCatalog.Models</c>).</summary>
    public required IReadOnlyList<ModelDescriptor> Models { get; init; }

    /// <summary>
    /// The provider of rows that name none, in the form <see cref="BatchRow.ProviderId"/> takes (one id, an ordered list
    /// such as <c>bfl,fal</c>, or <c>cheapest</c>); null makes such rows invalid.
    /// </summary>
    public string? DefaultProviderId { get; init; }

    /// <summary>
    /// The most jobs active at once on every provider, overriding their documented limits; null keeps each provider's
    /// <see cref="Providers.ProviderDefinition.MaxActiveJobs"/>, else <see cref="DefaultConcurrency"/>.
    /// </summary>
    public int? Concurrency { get; init; }

    /// <summary>The most jobs active at once on a provider by id; wins over <see cref="Concurrency"/>.</summary>
    public IDictionary<string, int> ProviderConcurrency { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// The most the batch may spend, in US dollars, or null for no limit. A job is started only when its estimate fits
    /// beside the batch's committed spend: the estimates of jobs running, and the reported cost (else the estimate) of
    /// every job made, in this run or an earlier one over the same output folder. Rows that do not fit end
    /// <see cref="BatchRowStatus.Skipped"/>.
    /// </summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>
    /// Under <see cref="MaxCostUsd"/>: true lets rows run on providers that publish no price in US dollars (their
    /// estimate counts as zero, their reported cost once they end, so they can take the spend over the budget); false
    /// (the default) skips them with <see cref="BatchRowReason.Unpriced"/>. Without a budget it changes nothing.
    /// </summary>
    public bool AllowUnpriced { get; init; }

    /// <summary>The limit of a provider that documents none (4).</summary>
    public const int DefaultConcurrency = 4;

    /// <summary>
    /// The most creates per second sent to every provider, overriding their documented limits; null keeps each
    /// provider's <see cref="Providers.ProviderDefinition.MaxCreatesPerSecond"/> (Replicate: 10), and a provider that
    /// documents none is not limited this way (only by its active jobs).
    /// </summary>
    public double? CreatesPerSecond { get; init; }

    /// <summary>The most creates per second sent to a provider by id; wins over <see cref="CreatesPerSecond"/>.</summary>
    public IDictionary<string, double> ProviderCreatesPerSecond { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>
    /// How many times a create refused with HTTP 429 (proof that no job was made) is sent again to the same provider in
    /// the same run, after waiting as the provider's <c>Retry-After</c> asks (else a jittered exponential backoff from
    /// one second); 3 by default, 0 to end such a row <see cref="BatchRowStatus.Failed"/> at once.
    /// </summary>
    public int RateLimitRetries { get; init; } = DefaultRateLimitRetries;

    /// <summary>The default of <see cref="RateLimitRetries"/> (3).</summary>
    public const int DefaultRateLimitRetries = 3;

    /// <summary>
    /// How long this run may take, counted from the start of <see cref="BatchRunner.RunAsync"/> (a resumed run counts
    /// afresh). Once it has passed, rows not yet created are not started (<see cref="BatchRowStatus.Skipped"/>, reason
    /// <c>deadline</c>) and running jobs are canceled where the provider can cancel, else abandoned. Null: no deadline.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The clock of deadlines, waits after a 429, creates per second and the progress figures (<see cref="BatchProgress.RowsPerMinute"/>, <see cref="BatchProgress.TimeLeft"/>); null for the client's (<see cref="Clients.FluxSpecsOptions.TimeProvider"/>).</summary>
    public TimeProvider? TimeProvider { get; init; }
}

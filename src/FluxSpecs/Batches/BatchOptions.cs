using FluxSpecs.Catalog;

namespace FluxSpecs.Batches;

/// <summary>What a <see cref="BatchRunner"/> runs with.</summary>
public sealed class BatchOptions
{
    /// <summary>The folder that receives the images, <c>journal.db</c> and <c>results.jsonl</c>; running again over it resumes.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The models rows may name (the application's catalog, e.g. <c>FluxSpecs.Models.ModelCatalog.Models</c>).</summary>
    public required IReadOnlyList<ModelDescriptor> Models { get; init; }

    /// <summary>The provider of rows that name none; null makes such rows invalid.</summary>
    public string? DefaultProviderId { get; init; }

    /// <summary>
    /// The most jobs active at once on every provider, overriding their documented limits; null keeps each provider's
    /// <see cref="Providers.ProviderDefinition.MaxActiveJobs"/>, else <see cref="DefaultConcurrency"/>.
    /// </summary>
    public int? Concurrency { get; init; }

    /// <summary>The most jobs active at once on a provider by id; wins over <see cref="Concurrency"/>.</summary>
    public IDictionary<string, int> ProviderConcurrency { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// The clock of the progress figures (<see cref="BatchProgress.RowsPerMinute"/>, <see cref="BatchProgress.TimeLeft"/>);
    /// null for the client's (<see cref="Clients.FluxSpecsOptions.TimeProvider"/>).
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The limit of a provider that documents none (4).</summary>
    public const int DefaultConcurrency = 4;
}

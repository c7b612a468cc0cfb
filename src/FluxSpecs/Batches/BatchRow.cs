namespace FluxSpecs.Batches;

/// <summary>One request of a batch: its own id (which names its images and its line in the results), the model, the provider, and the card's parameters.</summary>
/// <param name="Id">
/// The row's id, unique in the batch: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, at most 100 characters (it names
/// the row's image files).
/// </param>
/// <param name="ModelId">The model id (see the catalog).</param>
/// <param name="ProviderId">
/// The provider id; or several, separated by commas (<c>bfl,fal</c>), tried in that order when a create is refused in a
/// way that proves no job was made; or <c>cheapest</c>, every provider whose rules the request meets, cheapest first
/// (those without a price in US dollars last). Null for <see cref="BatchOptions.DefaultProviderId"/>.
/// </param>
/// <param name="Parameters">
/// The card's parameters by name, as <see cref="IModelRequest.SetParameter"/> takes them: strings (enum wire values,
/// image URLs, data URIs or paths), <see cref="long"/> or <see cref="int"/> integers, <see cref="double"/> numbers,
/// booleans, and lists of strings.
/// </param>
public sealed record BatchRow(string Id, string ModelId, string? ProviderId, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>
    /// How long the row's job may take, counted from the row's first create in this run (or, for a row whose job a
    /// resumed run re-attaches, from the re-attach). Past it the job is canceled where the provider can cancel (status
    /// <see cref="BatchRowStatus.Canceled"/>, reason <c>deadline</c>), else abandoned (<see cref="BatchRowStatus.Abandoned"/>);
    /// a Replicate create carries it as <c>Cancel-After</c>. Null: no deadline of its own.
    /// </summary>
    public TimeSpan? Deadline { get; init; }
}

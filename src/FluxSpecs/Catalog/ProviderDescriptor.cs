namespace FluxSpecs.Catalog;

/// <summary>How one provider sells a model, as the model's card describes it.</summary>
public sealed record ProviderDescriptor
{
    /// <summary>The provider id (<c>replicate</c>, <c>bfl</c> …).</summary>
    public required string Id { get; init; }

    /// <summary>The provider's model id or endpoint.</summary>
    public required string ModelId { get; init; }

    /// <summary>The model id or endpoint used when the request has reference images, when it differs.</summary>
    public string? EditModelId { get; init; }

    /// <summary>The provider's page for the model.</summary>
    public string? Docs { get; init; }

    /// <summary>How the provider takes model parameters, where it differs from the model.</summary>
    public IReadOnlyList<ProviderParameterDescriptor> Parameters { get; init; } = [];

    /// <summary>Parameters combined into other fields.</summary>
    public IReadOnlyList<CombinationDescriptor> Combinations { get; init; } = [];

    /// <summary>Model parameters the provider does not accept.</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>True when unsupported parameters are dropped with a warning rather than rejected.</summary>
    public bool DropUnsupported { get; init; }

    /// <summary>Provider-only parameters.</summary>
    public IReadOnlyList<ParameterDescriptor> Extra { get; init; } = [];

    /// <summary>
    /// The body plan: every field the provider's body carries for the model, in the order the generated mapper writes
    /// them, plus the unsupported parameters under the field they would have (<see cref="BodyField.Unsupported"/>).
    /// </summary>
    public IReadOnlyList<BodyField> Body { get; init; } = [];

    /// <summary>
    /// The field the provider takes the model's image count in (fal's <c>num_images</c>, Lumenfall's <c>n</c>), from the
    /// body plan; null when it has none, and a count above one is made by starting that many jobs.
    /// </summary>
    public string? ImageCountField =>
        Body.FirstOrDefault(f => f.Parameter == ModelDescriptor.ImageCountParameter && !f.Extra && !f.Unsupported)?.Name;

    /// <summary>The price, or null when the provider publishes none.</summary>
    public PricingDescriptor? Pricing { get; init; }
}

namespace FluxSpecs.Catalog;

/// <summary>How one provider takes one model parameter; only what differs from the model is set.</summary>
public sealed record ProviderParameterDescriptor
{
    /// <summary>The model parameter.</summary>
    public required string Parameter { get; init; }

    /// <summary>The provider's field name, when renamed.</summary>
    public string? Field { get; init; }

    /// <summary>The provider's narrower rules.</summary>
    public ParameterLimits Limits { get; init; } = ParameterLimits.None;

    /// <summary>
    /// Model value → provider wire value, for the values the provider accepts; empty means all, unchanged. A null wire
    /// value is accepted but not sent (another field implies it, as Lumenfall's <c>size</c> implies a custom ratio).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    /// <summary>The provider's own default, when it differs from the model's.</summary>
    public string? Default { get; init; }

    /// <summary>The provider's default on its edit endpoint (used when the request has images), when it differs from <see cref="Default"/>.</summary>
    public string? EditDefault { get; init; }

    /// <summary>A single-value conversion, or null.</summary>
    public ValueConversion? Convert { get; init; }

    /// <summary>For image lists: one field holding a list, or one field per image.</summary>
    public ImageShape? ImageShape { get; init; }

    /// <summary>For image lists: how each image is sent.</summary>
    public ImageEncodingKind? ImageEncoding { get; init; }
}

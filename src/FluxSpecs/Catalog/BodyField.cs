namespace FluxSpecs.Catalog;

/// <summary>
/// One field of a provider's body for a model, as the generated mapper writes it: the card's renames, image shape and
/// encoding, conversions, combinations, provider-only and top-level parameters, worked out once by the generator.
/// <see cref="ProviderDescriptor.Body"/> lists them in the order the mapper writes them.
/// </summary>
public sealed record BodyField
{
    /// <summary>
    /// The field name on the wire. For an <see cref="FluxSpecs.Catalog.ImageShape.Indexed"/> image list, the first image's
    /// field (<c>input_image</c>); the others are <c>input_image_2</c>, <c>input_image_3</c> ….
    /// </summary>
    public required string Name { get; init; }

    /// <summary>
    /// The card parameter the value comes from (a model parameter, or a provider-only one when <see cref="Extra"/>), or
    /// null for a field a <see cref="Combination"/> writes.
    /// </summary>
    public string? Parameter { get; init; }

    /// <summary>The parameter's value type, or null for a field a <see cref="Combination"/> writes.</summary>
    public ParameterType? Type { get; init; }

    /// <summary>A provider-only parameter (the card's <c>extra</c>).</summary>
    public bool Extra { get; init; }

    /// <summary>Written beside the provider's input object rather than in it (the card's <c>top_level</c>).</summary>
    public bool TopLevel { get; init; }

    /// <summary>
    /// A model parameter the provider does not accept: never written; <see cref="Name"/> is the field it would have.
    /// </summary>
    public bool Unsupported { get; init; }

    /// <summary>The single-value conversion applied on the way (<c>to_string</c>), or null.</summary>
    public ValueConversion? Convert { get; init; }

    /// <summary>For image lists: one field holding a list, or one field per image.</summary>
    public ImageShape? ImageShape { get; init; }

    /// <summary>For image lists: how each image is sent.</summary>
    public ImageEncodingKind? ImageEncoding { get; init; }

    /// <summary>The combination that writes this field (one of its <c>into</c> fields) from the parameters it reads, or null.</summary>
    public CombinationDescriptor? Combination { get; init; }
}

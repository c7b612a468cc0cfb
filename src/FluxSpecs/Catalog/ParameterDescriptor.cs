namespace FluxSpecs.Catalog;

/// <summary>A parameter of a model (or a provider-only parameter), as its card describes it.</summary>
public sealed record ParameterDescriptor
{
    /// <summary>The card's name (snake_case).</summary>
    public required string Name { get; init; }

    /// <summary>The C# property name on the request or options type.</summary>
    public required string PropertyName { get; init; }

    /// <summary>The value type.</summary>
    public required ParameterType Type { get; init; }

    /// <summary>The wire field when it differs from <see cref="Name"/> (provider-only parameters).</summary>
    public string? Field { get; init; }

    /// <summary>Whether the parameter must be given.</summary>
    public bool Required { get; init; }

    /// <summary>The default as the card writes it (wire string for enums), or null.</summary>
    public string? Default { get; init; }

    /// <summary>The card's description.</summary>
    public string? Description { get; init; }

    /// <summary>The value rules.</summary>
    public ParameterLimits Limits { get; init; } = ParameterLimits.None;

    /// <summary>Allowed values of an enum or enum_list parameter.</summary>
    public IReadOnlyList<EnumValueDescriptor> Values { get; init; } = [];

    /// <summary>When the parameter may be set, or null when always.</summary>
    public Applicability? Applicability { get; init; }

    /// <summary>A secret value: never printed.</summary>
    public bool Secret { get; init; }

    /// <summary>
    /// A provider-only parameter written at the top of the body, beside the provider's input object (Replicate's
    /// <c>webhook</c>), rather than inside it.
    /// </summary>
    public bool TopLevel { get; init; }
}

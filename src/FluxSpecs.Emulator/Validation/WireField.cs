using FluxSpecs.Catalog;

namespace FluxSpecs.Emulator.Validation;

/// <summary>One field of a provider's body, with the rules the card gives it for that provider.</summary>
internal sealed record WireField
{
    /// <summary>The field name on the wire.</summary>
    public required string Name { get; init; }

    /// <summary>The card parameter (or provider-only parameter) behind the field.</summary>
    public required string Parameter { get; init; }

    /// <summary>What the field holds.</summary>
    public required WireKind Kind { get; init; }

    /// <summary>An integer sent as a string (the card's <c>convert: to_string</c>).</summary>
    public bool IntegerAsString { get; init; }

    /// <summary>The rules: the model's, narrowed by the provider's.</summary>
    public ParameterLimits Limits { get; init; } = ParameterLimits.None;

    /// <summary>Allowed wire values of an enum or enum list.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>Wire value → the model's value, for enums whose values the provider renames.</summary>
    public IReadOnlyDictionary<string, string> WireToModel { get; init; } = new Dictionary<string, string>();

    /// <summary>For images: <c>url</c>, <c>base64</c>, <c>data_uri</c> or <c>file</c>.</summary>
    public ImageEncodingKind? ImageEncoding { get; init; }

    /// <summary>Must be present.</summary>
    public bool Required { get; init; }

    /// <summary>When the field may be set (in the model's names and values).</summary>
    public Applicability? Applicability { get; init; }

    /// <summary>A provider-only parameter.</summary>
    public bool IsExtra { get; init; }

    /// <summary>The value the provider uses when the field is absent (a model value for enums), or null.</summary>
    public string? Default { get; init; }

    /// <summary>For size fields: the rules of the width and height parameters they carry.</summary>
    public ParameterLimits? WidthLimits { get; init; }

    /// <summary>For size fields: the rules of the height parameter.</summary>
    public ParameterLimits? HeightLimits { get; init; }

    /// <summary>The model value of a wire value (itself when not renamed).</summary>
    public string ToModelValue(string wire) => WireToModel.TryGetValue(wire, out var model) ? model : wire;
}

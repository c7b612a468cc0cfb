using FluxSpecs.Validation;

namespace FluxSpecs.Catalog;

/// <summary>The value rules of a parameter, on the model or as a provider narrows them. Null means "no such rule".</summary>
public sealed record ParameterLimits
{
    /// <summary>No rules.</summary>
    public static readonly ParameterLimits None = new();

    /// <summary>Inclusive minimum.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>Inclusive maximum.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>The value must be a multiple of this.</summary>
    public long? MultipleOf { get; init; }

    /// <summary>What the provider does with a value that is not a multiple.</summary>
    public Rounding? Rounding { get; init; }

    /// <summary>Least number of characters.</summary>
    public int? MinLength { get; init; }

    /// <summary>Most number of characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Most number of list items.</summary>
    public int? MaxItems { get; init; }

    /// <summary>Allowed image formats (card names: <c>jpeg</c>, <c>png</c> …); empty means any.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];
}

using System.ComponentModel;
using FluxSpecs.Validation;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The value rules of a card parameter, as <see cref="LimitsAttribute"/> (the model's) and
/// <see cref="ProviderLimitsAttribute"/> (one provider's narrower ones) carry them. A rule is set only when its named
/// argument is given; the others do not apply. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ValueLimitsAttribute : Attribute
{
    private protected ValueLimitsAttribute()
    {
    }

    /// <summary>Inclusive minimum of a number.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>Inclusive maximum of a number.</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary>An integer must be a multiple of this; zero means no step.</summary>
    public long MultipleOf { get; set; }

    /// <summary>What the provider does with an integer that is not a multiple of <see cref="MultipleOf"/>.</summary>
    public Rounding Rounding { get; set; }

    /// <summary>Least number of characters of a string; -1 means no minimum.</summary>
    public int MinLength { get; set; } = -1;

    /// <summary>Most number of characters of a string; -1 means no maximum.</summary>
    public int MaxLength { get; set; } = -1;

    /// <summary>Most number of items of a list; -1 means no maximum.</summary>
    public int MaxItems { get; set; } = -1;
}

using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The card's string for a generated enum member (<c>Square</c> is <c>1:1</c>), in which the other attributes of this
/// namespace name enum values. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class WireValueAttribute(string value) : Attribute
{
    /// <summary>The value as the card writes it.</summary>
    public string Value { get; } = value;
}

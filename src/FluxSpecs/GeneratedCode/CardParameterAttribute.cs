using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// Marks a generated property as a card parameter: its card name, which messages about its value use, and its default.
/// The value rules are the other attributes of this namespace on the same property. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CardParameterAttribute(string name) : Attribute
{
    /// <summary>The parameter's name in the card (snake_case), e.g. <c>aspect_ratio</c>.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// The value the provider uses when the parameter is not set, as the card writes it (an enum's wire value, or
    /// <c>true</c>/<c>false</c>); null when the card gives none.
    /// </summary>
    public string? Default { get; set; }
}

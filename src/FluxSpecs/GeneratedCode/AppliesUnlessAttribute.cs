using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The parameter does not apply while another one has one of some values (the card's <c>applies_unless</c>: resolution
/// not when <c>aspect_ratio</c> is <c>custom</c>); set then, it is ignored. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class AppliesUnlessAttribute(string parameter, params string[] values) : Attribute
{
    /// <summary>The card name of the parameter this one depends on.</summary>
    public string Parameter { get; } = parameter;

    /// <summary>Its values, as the card writes them, under which this parameter does not apply.</summary>
    public IReadOnlyList<string> Values { get; } = values;
}

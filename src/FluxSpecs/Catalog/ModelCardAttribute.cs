namespace FluxSpecs.Catalog;

/// <summary>
/// Carries the model card a request type was generated from. The FluxSpecs analyzer reads it to check constant request
/// values against the card's rules, including in projects that only reference the compiled model (a package).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelCardAttribute(string yaml) : Attribute
{
    /// <summary>The card's YAML text.</summary>
    public string Yaml { get; } = yaml;
}

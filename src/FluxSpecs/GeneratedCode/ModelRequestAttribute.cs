using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// Marks a generated request type with the model it asks for and the providers that offer that model, so the FluxSpecs
/// analyzer knows the type and which provider ids a call may name. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelRequestAttribute(string modelId, params string[] providers) : Attribute
{
    /// <summary>The model id (the card's <c>id</c>).</summary>
    public string ModelId { get; } = modelId;

    /// <summary>The ids of the providers whose section the card has, in the card's order.</summary>
    public IReadOnlyList<string> Providers { get; } = providers;
}

using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// Marks a generated provider-options record (a card's <c>extra</c> parameters of one provider, such as
/// <c>Flux2DevFalOptions</c>) with its model and provider, so the FluxSpecs analyzer checks constant values written in it
/// against the rule attributes of its properties. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProviderOptionsAttribute(string modelId, string providerId) : Attribute
{
    /// <summary>The model id (the card's <c>id</c>).</summary>
    public string ModelId { get; } = modelId;

    /// <summary>The provider whose section declares these parameters.</summary>
    public string ProviderId { get; } = providerId;
}

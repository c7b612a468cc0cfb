using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// One provider lacks this parameter and a request that sets it fails for that provider (the card's
/// <c>unsupported</c> with <c>on_unsupported: error</c>); a parameter the provider drops has no such attribute. For
/// generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = true)]
public sealed class ProviderRejectsAttribute(string provider) : Attribute
{
    /// <summary>The provider id.</summary>
    public string Provider { get; } = provider;
}

using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// One provider's narrower value rules for a card parameter (Magnific takes 256–1440 px): they apply when the request
/// is sent to that provider, and replace the model's rules they name. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = true)]
public sealed class ProviderLimitsAttribute(string provider) : ValueLimitsAttribute
{
    /// <summary>The provider id.</summary>
    public string Provider { get; } = provider;
}

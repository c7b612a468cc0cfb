using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The values of an enum parameter that one provider accepts, when it does not accept them all (BFL takes only
/// <c>jpeg</c> and <c>png</c> of the output formats). For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = true)]
public sealed class ProviderValuesAttribute(string provider, params string[] values) : Attribute
{
    /// <summary>The provider id.</summary>
    public string Provider { get; } = provider;

    /// <summary>The accepted values, as the card writes them (see <see cref="WireValueAttribute"/>).</summary>
    public IReadOnlyList<string> Values { get; } = values;
}

namespace FluxSpecs;

/// <summary>
/// Marks a parameter that takes a provider id for the request the call works on. When the id is a constant, the
/// FluxSpecs analyzer checks a request built in the same place against that provider's narrower rules.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ProviderIdAttribute : Attribute
{
}

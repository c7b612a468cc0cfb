namespace FluxSpecs.Generator.Model
{
    /// <summary>A model enum value a provider accepts, and the wire string the provider wants for it.</summary>
    /// <param name="WireValue">The provider's string, or null when the value is accepted but not sent (another field implies it).</param>
    internal sealed record ValueMapping(string ModelValue, string? WireValue);
}

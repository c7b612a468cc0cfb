namespace FluxSpecs.Generator.Model
{
    /// <summary>A model enum value a provider accepts, and the wire string the provider wants for it.</summary>
    internal sealed record ValueMapping(string ModelValue, string WireValue);
}

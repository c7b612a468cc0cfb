namespace FluxSpecs.Generator.Model
{
    /// <summary>How one provider takes one model parameter; only what differs from the model is set.</summary>
    /// <param name="Values">The model values the provider accepts with their wire strings; empty means all, unchanged.</param>
    internal sealed record ParameterMapping(
        string Parameter,
        string? Field,
        Limits Limits,
        EquatableArray<ValueMapping> Values,
        string? Default,
        ValueConversion? Convert,
        ImageBinding? Images);
}

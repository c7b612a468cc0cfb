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
        ImageBinding? Images)
    {
        /// <summary>
        /// The provider's default on its edit endpoint (<c>edit_model</c>, used when the request has images) when it differs
        /// from <see cref="Default"/>: fal's text-to-image default is 4:3, its /edit keeps the input image's size.
        /// </summary>
        public string? EditDefault { get; init; }
    }
}

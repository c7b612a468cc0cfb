namespace FluxSpecs.Generator.Model
{
    /// <summary>Everything the emitters need to know about one card.</summary>
    /// <remarks>
    /// This record and everything it holds must stay immutable and compare by value (strings, numbers, enums and
    /// <see cref="EquatableArray{T}"/>); otherwise the incremental pipeline cannot tell that a card is unchanged and
    /// regenerates it on every keystroke. No Roslyn symbol, syntax node or location may appear here.
    /// </remarks>
    /// <param name="TypePrefix">The C# name stem from the id: <c>flux-2-pro</c> → <c>Flux2Pro</c>.</param>
    /// <param name="Namespace">The namespace written in the card, or null to use the project's default.</param>
    internal sealed record ModelCard(
        string Id,
        string TypePrefix,
        string Name,
        string? Vendor,
        string? Description,
        string? Namespace,
        EquatableArray<ParameterSpec> Parameters,
        EquatableArray<ProviderSpec> Providers)
    {
        /// <summary>How the parameters determine the output size, for pricing (the card's <c>output_size</c>), or null.</summary>
        public Combination? OutputSize { get; init; }

        /// <summary>The card's <c>pixel_budget</c>: width × height at most so many pixels, on every provider; or null.</summary>
        public PixelBudget? PixelBudget { get; init; }
    }
}

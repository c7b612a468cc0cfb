namespace FluxSpecs.Generator.Model
{
    /// <summary>One allowed value of an enum parameter: the wire string, its C# member name and its doc text.</summary>
    internal sealed record EnumValueSpec(string Value, string MemberName, string? Description)
    {
        /// <summary>
        /// Providers' own spellings of this value (Replicate's <c>jpg</c> for <c>jpeg</c>), read from the card's value maps
        /// and accepted as input for it; only spellings that name this value alone across the card.
        /// </summary>
        public EquatableArray<string> Aliases { get; init; } = EquatableArray<string>.Empty;
    }
}

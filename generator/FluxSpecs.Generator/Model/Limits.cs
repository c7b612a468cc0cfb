namespace FluxSpecs.Generator.Model
{
    /// <summary>
    /// The value rules a parameter carries, on the model or narrowed by one provider. Every member is optional; a
    /// provider mapping only states what it narrows.
    /// </summary>
    internal sealed record Limits(
        decimal? Min,
        decimal? Max,
        long? MultipleOf,
        RoundingMode? Rounding,
        int? MinLength,
        int? MaxLength,
        int? MaxItems,
        EquatableArray<string> Formats)
    {
        public static readonly Limits None = new Limits(null, null, null, null, null, null, null, EquatableArray<string>.Empty);

        public bool IsEmpty => this == None;
    }
}

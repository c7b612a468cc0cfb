namespace FluxSpecs.Generator.Model
{
    /// <summary>The value types a card parameter can have (the card's <c>type</c> key).</summary>
    internal enum ParameterKind
    {
        String,
        Integer,
        Number,
        Boolean,
        Enum,
        EnumList,
        ImageList,
    }
}

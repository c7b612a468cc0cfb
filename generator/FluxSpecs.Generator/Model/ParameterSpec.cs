namespace FluxSpecs.Generator.Model
{
    /// <summary>A parameter of a model, or a provider-only (<c>extra</c>) parameter of one provider.</summary>
    /// <param name="Name">The card's name (snake_case), which is also the default wire field.</param>
    /// <param name="PropertyName">The C# property name.</param>
    /// <param name="Field">The wire field when it differs from <paramref name="Name"/> (only for <c>extra</c>).</param>
    /// <param name="EnumTypeName">The C# enum type for enum and enum_list parameters.</param>
    /// <param name="Default">The default as written in the card (a wire string for enums), or null.</param>
    /// <param name="UsesLong">An integer whose range does not fit <c>int</c>.</param>
    /// <param name="TopLevel">A provider-only parameter written beside the provider's input object, not inside it.</param>
    internal sealed record ParameterSpec(
        string Name,
        string PropertyName,
        string? Field,
        ParameterKind Kind,
        bool Required,
        string? Default,
        string? Description,
        Limits Limits,
        EquatableArray<EnumValueSpec> Values,
        string? EnumTypeName,
        Applicability? Applicability,
        bool Secret,
        bool UsesLong,
        bool TopLevel);
}

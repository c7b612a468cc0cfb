namespace FluxSpecs.Generator.Diagnostics
{
    /// <summary>
    /// What is wrong with a card, as the generator's model carries it. Each value has one descriptor and one stable
    /// FSPEC0xxx id (<see cref="CardErrorIds"/>), which stay <c>const</c> strings because Roslyn's analyzer rules
    /// (RS1017, release tracking) need a descriptor's id to be a compile-time constant.
    /// </summary>
    internal enum CardError
    {
        MalformedYaml,
        UnknownKey,
        WrongType,
        MissingKey,
        InvalidRange,
        InvalidDefault,
        DuplicateName,
        UnknownParameter,
        UnknownProvider,
        UnknownConversion,
        DuplicateCardId,
        InvalidValue,
        ProviderLimitOutsideModel,
        CardTooComplex,
        CardUnreadable,
    }
}

namespace FluxSpecs.Generator.Diagnostics
{
    /// <summary>
    /// The ids of card errors. Ids are stable: a retired id is never reused. Each is listed in docs/diagnostics.md and
    /// AnalyzerReleases.Unshipped.md, and described in <see cref="CardDiagnosticDescriptors"/>.
    /// </summary>
    internal static class CardErrorIds
    {
        public const string MalformedYaml = "FSPEC0001";
        public const string UnknownKey = "FSPEC0002";
        public const string WrongType = "FSPEC0003";
        public const string MissingKey = "FSPEC0004";
        public const string InvalidRange = "FSPEC0005";
        public const string InvalidDefault = "FSPEC0006";
        public const string DuplicateName = "FSPEC0007";
        public const string UnknownParameter = "FSPEC0008";
        public const string UnknownProvider = "FSPEC0009";
        public const string UnknownConversion = "FSPEC0010";
        public const string DuplicateCardId = "FSPEC0011";
        public const string InvalidValue = "FSPEC0012";
        public const string ProviderLimitOutsideModel = "FSPEC0013";
        public const string CardTooComplex = "FSPEC0014";
        public const string CardUnreadable = "FSPEC0015";
    }
}

namespace FluxSpecs.Generator
{
    /// <summary>The tracked names of the pipeline's steps, so tests can assert what each step did on a re-run.</summary>
    internal static class GeneratorStepNames
    {
        public const string Settings = nameof(Settings);
        public const string ProviderIds = nameof(ProviderIds);
        public const string CardFiles = nameof(CardFiles);
        public const string ParsedCards = nameof(ParsedCards);
        public const string CardIdentities = nameof(CardIdentities);
        public const string CheckedCards = nameof(CheckedCards);
        public const string CardDiagnostics = nameof(CardDiagnostics);
        public const string EmitSpecs = nameof(EmitSpecs);
        public const string CatalogEntries = nameof(CatalogEntries);
    }
}

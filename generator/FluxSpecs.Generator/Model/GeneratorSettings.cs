namespace FluxSpecs.Generator.Model
{
    /// <summary>Project settings the generator reads from MSBuild.</summary>
    /// <param name="RootNamespace">
    /// Where the catalog goes and under which each card's namespace is made: <c>FluxSpecsNamespace</c>, else the
    /// project's <c>RootNamespace</c>.
    /// </param>
    /// <param name="ExtraProviderIds">
    /// Providers a card may name besides the built-in ones: the project's <c>FluxSpecsProviders</c> property
    /// (semicolon-separated ids), for providers the application registers with the runtime's <c>ProviderRegistry</c>.
    /// </param>
    internal sealed record GeneratorSettings(string RootNamespace, EquatableArray<string> ExtraProviderIds)
    {
        public const string FallbackNamespace = "FluxSpecs.Models";
    }
}

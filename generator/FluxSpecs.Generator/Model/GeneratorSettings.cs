namespace FluxSpecs.Generator.Model
{
    /// <summary>Project settings the generator reads from MSBuild.</summary>
    /// <param name="RootNamespace">
    /// Where the catalog goes and under which each card's namespace is made: <c>FluxSpecsNamespace</c>, else the
    /// project's <c>RootNamespace</c>.
    /// </param>
    internal sealed record GeneratorSettings(string RootNamespace)
    {
        public const string FallbackNamespace = "FluxSpecs.Models";
    }
}

namespace FluxSpecs.Generator.Model
{
    /// <summary>The names a card claims in the compilation; two cards may not claim the same one.</summary>
    internal sealed record CardIdentity(string Id, string TypePrefix, string FilePath);
}

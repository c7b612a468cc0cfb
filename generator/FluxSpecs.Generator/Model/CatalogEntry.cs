namespace FluxSpecs.Generator.Model
{
    /// <summary>What the assembly's catalog needs of one card: where its descriptor lives.</summary>
    internal sealed record CatalogEntry(string Id, string Namespace, string ModelTypeName);
}

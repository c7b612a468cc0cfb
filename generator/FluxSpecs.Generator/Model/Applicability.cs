namespace FluxSpecs.Generator.Model
{
    /// <summary>
    /// When a parameter may be set: only while <see cref="Parameter"/> is one of <see cref="Values"/>
    /// (<c>applies_when</c>), or only while it is none of them (<c>applies_unless</c>, <see cref="Negated"/>).
    /// </summary>
    internal sealed record Applicability(string Parameter, EquatableArray<string> Values, bool Negated);
}

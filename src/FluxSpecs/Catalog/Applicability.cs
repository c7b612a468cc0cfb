namespace FluxSpecs.Catalog;

/// <summary>
/// When a parameter may be set: only while <see cref="Parameter"/> has one of <see cref="Values"/>, or, when
/// <see cref="Negated"/>, only while it has none of them.
/// </summary>
public sealed record Applicability(string Parameter, IReadOnlyList<string> Values, bool Negated);

namespace FluxSpecs.Generator.Model
{
    /// <summary>A parsed card after the checks that need the other cards: the code to emit (null when any error) and its diagnostics.</summary>
    internal sealed record CheckedCard(EmitSpec? Emit, EquatableArray<CardDiagnostic> Diagnostics);
}

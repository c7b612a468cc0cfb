using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>The result of reading one card file: the card when it has no errors, and every problem found.</summary>
    /// <param name="IdSpan">Where the card's <c>id</c> is, for errors that involve other cards.</param>
    internal sealed record ParsedCard(string FilePath, ModelCard? Card, SourceSpan IdSpan, EquatableArray<CardDiagnostic> Diagnostics);
}

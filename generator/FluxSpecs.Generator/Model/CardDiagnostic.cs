using FluxSpecs.Generator.Diagnostics;

namespace FluxSpecs.Generator.Model
{
    /// <summary>A problem found in a card: a diagnostic id, where it is, and the message arguments.</summary>
    /// <remarks>
    /// Roslyn's <c>Diagnostic</c> compares its arguments by reference (dotnet/roslyn#68291), so the pipeline carries this
    /// value-equatable stand-in and turns it into a <c>Diagnostic</c> in the output step.
    /// </remarks>
    internal sealed record CardDiagnostic(CardError Error, string FilePath, SourceSpan Span, EquatableArray<string> Arguments)
    {
        /// <summary>The FSPEC0xxx id.</summary>
        public string Id => CardDiagnosticDescriptors.For(Error).Id;
    }
}

namespace FluxSpecs.Generator.Model
{
    /// <summary>
    /// Where something sits in a card file: a character span plus 0-based line/column positions, ready to become a
    /// Roslyn <c>Location</c> only when a diagnostic is reported. Locations themselves stay out of the pipeline because
    /// they do not compare by value.
    /// </summary>
    internal readonly record struct SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        public static readonly SourceSpan Empty = new SourceSpan(0, 0, 0, 0, 0, 0);
    }
}

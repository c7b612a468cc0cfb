using FluxSpecs.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Turns YamlDotNet positions into <see cref="SourceSpan"/>s.</summary>
    /// <remarks>
    /// YamlDotNet's <see cref="Mark"/> has 1-based line and column and a 0-based character index, so the span's start is
    /// the index and its line position is (line − 1, column − 1).
    /// </remarks>
    internal static class YamlSpans
    {
        public static SourceSpan Of(Mark start, Mark end)
        {
            var startIndex = (int)start.Index;
            var endIndex = (int)end.Index;
            if (endIndex < startIndex)
            {
                endIndex = startIndex;
            }

            return new SourceSpan(
                startIndex,
                endIndex - startIndex,
                (int)start.Line - 1,
                (int)start.Column - 1,
                (int)end.Line - 1,
                (int)end.Column - 1);
        }

        public static SourceSpan Of(YamlNode node) => node is YamlScalarNode ? Of(node.Start, node.End) : FirstToken(node);

        /// <summary>
        /// Where a YAML syntax error is: YamlDotNet's error span often starts at the end of the line before the culprit
        /// (a tab, say) and ends at it, so the error points at its end, one character wide.
        /// </summary>
        public static SourceSpan OfError(Mark start, Mark end, int textLength)
        {
            var at = end.Index > start.Index ? end : start;
            var length = at.Index < textLength ? 1 : 0;
            return new SourceSpan((int)at.Index, length, (int)at.Line - 1, (int)at.Column - 1, (int)at.Line - 1, (int)at.Column - 1 + length);
        }

        /// <summary>
        /// A mapping or sequence spans many lines; an error about it as a whole (a missing key) points at its first
        /// character instead, so the squiggle stays readable.
        /// </summary>
        private static SourceSpan FirstToken(YamlNode node)
        {
            var start = node.Start;
            return new SourceSpan((int)start.Index, 1, (int)start.Line - 1, (int)start.Column - 1, (int)start.Line - 1, (int)start.Column);
        }
    }
}

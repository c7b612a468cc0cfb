using System;
using System.Collections.Generic;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// The line starts of a card's text, with the line breaks the compiler counts (CR LF, CR, LF, NEL, LS, PS), so a
    /// diagnostic's line and column agree with the editor's, whatever line endings the file has.
    /// </summary>
    /// <remarks>
    /// YamlDotNet's character index is reliable, but its line numbers are not always the compiler's: at the end of the
    /// text it reports a line after the last one, and it does not break lines where the compiler does. Spans are
    /// therefore rebuilt from the index alone, clamped into the text.
    /// </remarks>
    internal sealed class LineMap
    {
        private readonly List<int> _starts = new List<int> { 0 };
        private readonly int _length;

        public LineMap(string text)
        {
            _length = text.Length;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                    _starts.Add(i + 1);
                }
                else if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        /// <summary><paramref name="span"/>'s character range clamped into the text, with its lines and columns recomputed.</summary>
        public SourceSpan Normalize(SourceSpan span)
        {
            var start = Math.Min(Math.Max(span.Start, 0), _length);
            var end = Math.Min(Math.Max(span.Start + Math.Max(span.Length, 0), start), _length);
            var startLine = LineOf(start);
            var endLine = LineOf(end);
            return new SourceSpan(start, end - start, startLine, start - _starts[startLine], endLine, end - _starts[endLine]);
        }

        private int LineOf(int position)
        {
            var index = _starts.BinarySearch(position);
            return index >= 0 ? index : ~index - 1;
        }
    }
}

using System.Text;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>An indenting text writer for generated C#: plain text is easier to read and review than syntax trees.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', _indent * 4);
            }

            _builder.Append(text).Append('\n');
            return this;
        }

        public SourceWriter Open(string text)
        {
            Line(text);
            Line("{");
            _indent++;
            return this;
        }

        /// <summary>A bare block, for locals that must not leak into the enclosing scope.</summary>
        public SourceWriter Open()
        {
            Line("{");
            _indent++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        /// <summary>An XML doc element; <paramref name="xml"/> is XML already (card text goes through <see cref="Literals.Xml"/>).</summary>
        public SourceWriter Doc(string element, string? xml)
        {
            if (string.IsNullOrWhiteSpace(xml))
            {
                return this;
            }

            var lines = Literals.NormalizeLineBreaks(xml!.Trim()).Split('\n');
            if (lines.Length == 1)
            {
                return Line("/// <" + element + ">" + lines[0].TrimEnd() + "</" + element + ">");
            }

            Line("/// <" + element + ">");
            foreach (var line in lines)
            {
                Line(("/// " + line.TrimEnd()).TrimEnd());
            }

            return Line("/// </" + element + ">");
        }

        public SourceWriter FileHeader() => Line(Template.FileHeader);

        public override string ToString() => _builder.ToString();
    }
}

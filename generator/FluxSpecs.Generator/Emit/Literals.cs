using System.Globalization;
using System.Text;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>C# literals, always in the invariant culture (a culture's minus sign or decimal comma would not compile).</summary>
    internal static class Literals
    {
        public const string GeneratedCode = "[" + KnownTypes.GeneratedCodeAttribute + "(\"FluxSpecs.Generator\", \"1.0.0\")]";

        public static string String(string? value)
        {
            if (value is null)
            {
                return "null";
            }

            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

        public static string Decimal(decimal? value) => value is { } v ? Decimal(v) : "null";

        public static string Double(decimal value)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            return text + (text.Contains(".") ? "d" : ".0d");
        }

        public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + (value > int.MaxValue || value < int.MinValue ? "L" : string.Empty);

        public static string Long(long? value) => value is { } v ? Long(v) : "null";

        public static string Int(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null";

        public static string Bool(bool value) => value ? "true" : "false";

        /// <summary>Card text made safe for an XML doc comment.</summary>
        public static string Xml(string? text) => text is null ? string.Empty : NormalizeLineBreaks(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;"));

        /// <summary>
        /// Every line break C# knows (CR LF, CR, LF, NEL, LS, PS) as LF. A card's text goes into doc comments line by
        /// line; a lone CR or a U+2028 left inside a line would end that line early in the C# file.
        /// </summary>
        public static string NormalizeLineBreaks(string text)
        {
            if (text.IndexOfAny(LineBreaksOtherThanLf) < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                builder.Append(c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' ? '\n' : c);
            }

            return builder.ToString();
        }

        private static readonly char[] LineBreaksOtherThanLf = { '\r', '\u0085', '\u2028', '\u2029' };
    }
}

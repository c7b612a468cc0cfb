using System.Text;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>How card names become C# names.</summary>
    internal static class Naming
    {
        /// <summary><c>flux-2-pro</c> → <c>Flux2Pro</c>; <c>input_images</c> → <c>InputImages</c>.</summary>
        public static string Pascal(string name)
        {
            var result = Join(name, joinDigits: false);
            return result.Length > 0 && char.IsDigit(result[0]) ? "Model" + result : result;
        }

        /// <summary>
        /// A C# enum member for a wire string: <c>match_input_image</c> → <c>MatchInputImage</c>, <c>0.5 MP</c> →
        /// <c>Value0_5Mp</c>. Digits on both sides of a separator keep an underscore so <c>1:1</c> and <c>11</c> differ.
        /// Returns an empty string when the wire string has no letters or digits.
        /// </summary>
        public static string EnumMember(string wire)
        {
            var result = Join(wire, joinDigits: true);
            return result.Length > 0 && char.IsDigit(result[0]) ? "Value" + result : result;
        }

        private static string Join(string text, bool joinDigits)
        {
            var builder = new StringBuilder(text.Length);
            var startOfWord = true;
            var separated = false;
            foreach (var c in text)
            {
                if (!char.IsLetterOrDigit(c) || c > 127)
                {
                    startOfWord = true;
                    separated = builder.Length > 0;
                    continue;
                }

                if (separated && joinDigits && char.IsDigit(c) && char.IsDigit(builder[builder.Length - 1]))
                {
                    builder.Append('_');
                }

                builder.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                startOfWord = false;
                separated = false;
            }

            return builder.ToString();
        }
    }
}

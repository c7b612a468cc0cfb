using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// Reads typed values from YAML scalars the way YAML 1.2's core schema does: a quoted <c>"10"</c> is a string, a plain
    /// <c>10</c> an integer. Always in the invariant culture.
    /// </summary>
    internal static class YamlScalars
    {
        public static bool IsNull(YamlScalarNode node) =>
            node.Value is null || (node.Style == ScalarStyle.Plain && (node.Value.Length == 0 || node.Value == "~" || node.Value == "null" || node.Value == "Null" || node.Value == "NULL"));

        public static bool IsPlain(YamlScalarNode node) => node.Style == ScalarStyle.Plain || node.Style == ScalarStyle.Any;

        public static bool TryInteger(YamlScalarNode node, out long value)
        {
            value = 0;
            return IsPlain(node) && node.Value is not null && long.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        public static bool TryNumber(YamlScalarNode node, out decimal value)
        {
            value = 0;
            return IsPlain(node) && node.Value is not null
                && decimal.TryParse(node.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
        }

        public static bool TryBoolean(YamlScalarNode node, out bool value)
        {
            value = false;
            if (!IsPlain(node))
            {
                return false;
            }

            switch (node.Value)
            {
                case "true":
                case "True":
                case "TRUE":
                    value = true;
                    return true;
                case "false":
                case "False":
                case "FALSE":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>How a message shows a node the card got wrong.</summary>
        public static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode scalar when IsNull(scalar) => "empty",
            YamlScalarNode scalar => Shorten(scalar.Value ?? string.Empty),
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "an alias",
        };

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}

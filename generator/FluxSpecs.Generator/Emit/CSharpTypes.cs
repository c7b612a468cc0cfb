using System.Globalization;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>The C# shape of card parameters: property types, default constants, enum members.</summary>
    internal static class CSharpTypes
    {
        public const string ImageInput = KnownTypes.ImageInput;

        /// <summary>The value type without nullability: <c>int</c>, <c>AspectRatio</c>, <c>IReadOnlyList&lt;ImageInput&gt;</c>.</summary>
        public static string ValueType(ParameterSpec parameter) => parameter.Kind switch
        {
            ParameterKind.String => "string",
            ParameterKind.Integer => parameter.UsesLong ? "long" : "int",
            ParameterKind.Number => "double",
            ParameterKind.Boolean => "bool",
            ParameterKind.Enum => parameter.EnumTypeName!,
            ParameterKind.EnumList => KnownTypes.ReadOnlyList + "<" + parameter.EnumTypeName + ">",
            _ => KnownTypes.ReadOnlyList + "<" + ImageInput + ">",
        };

        /// <summary>The property type: required parameters are non-nullable, optional ones nullable (not sent when null).</summary>
        public static string PropertyType(ParameterSpec parameter) => ValueType(parameter) + (parameter.Required ? string.Empty : "?");

        public static bool IsReferenceType(ParameterSpec parameter) =>
            parameter.Kind is ParameterKind.String or ParameterKind.EnumList or ParameterKind.ImageList;

        /// <summary>The default as a C# constant expression, or null when the parameter has none.</summary>
        public static string? DefaultLiteral(ParameterSpec parameter, EmitSpec spec)
        {
            if (parameter.Default is not { } value)
            {
                return null;
            }

            return parameter.Kind switch
            {
                ParameterKind.String => Literals.String(value),
                ParameterKind.Integer => Literals.Long(long.Parse(value, CultureInfo.InvariantCulture)),
                ParameterKind.Number => Literals.Double(decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)),
                ParameterKind.Boolean => value.ToLowerInvariant(),
                ParameterKind.Enum => EnumValue(spec, parameter, value),
                _ => null,
            };
        }

        public static string DefaultConstantName(ParameterSpec parameter) => "Default" + parameter.PropertyName;

        public static string MemberOf(ParameterSpec parameter, string wireValue) =>
            parameter.Values.First(v => v.Value == wireValue).MemberName;

        /// <summary>
        /// An enum member, fully qualified: inside the request, <c>AspectRatio</c> alone binds to the property of that
        /// name (whose type is <c>AspectRatio?</c>, so C#'s "Color Color" rule does not apply).
        /// </summary>
        public static string EnumValue(EmitSpec spec, ParameterSpec parameter, string wireValue) =>
            "global::" + spec.Namespace + "." + parameter.EnumTypeName + "." + MemberOf(parameter, wireValue);

        /// <summary>The runtime's <c>Rounding</c> member; nearest when the card names none.</summary>
        public static string Rounding(RoundingMode? rounding) => KnownTypes.Rounding + "." + (rounding ?? RoundingMode.Nearest);

        public static string ImageFormat(string format) =>
            KnownTypes.ImageFormat + "." + char.ToUpperInvariant(format[0]) + format.Substring(1);
    }
}

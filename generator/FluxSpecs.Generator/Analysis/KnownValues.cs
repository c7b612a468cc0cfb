using System.Linq;
using FluxSpecs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>What a value expression is known to be at compile time, in the card's terms, or nothing.</summary>
    internal static class KnownValues
    {
        public static KnownValue? Of(IOperation value, ParameterRules parameter)
        {
            value = Unwrap(value);
            switch (parameter.Kind)
            {
                case ParameterKind.ImageList:
                case ParameterKind.EnumList:
                    return Count(value) is { } count ? KnownValue.Count(count) : (KnownValue?)null;
                case ParameterKind.Enum:
                    return value is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field }
                        && parameter.Values.FirstOrDefault(v => v.MemberName == field.Name) is { } member
                        ? KnownValue.Of(member.Value)
                        : (KnownValue?)null;
            }

            if (!value.ConstantValue.HasValue || value.ConstantValue.Value is null)
            {
                return null;
            }

            return (parameter.Kind, value.ConstantValue.Value) switch
            {
                (ParameterKind.Integer, int i) => KnownValue.Of((long)i),
                (ParameterKind.Integer, long l) => KnownValue.Of(l),
                (ParameterKind.Integer, uint u) => KnownValue.Of((long)u),
                (ParameterKind.Integer, short s) => KnownValue.Of((long)s),
                (ParameterKind.Integer, byte b) => KnownValue.Of((long)b),
                (ParameterKind.Number, int i) => KnownValue.Of((double)i),
                (ParameterKind.Number, long l) => KnownValue.Of((double)l),
                (ParameterKind.Number, double d) => KnownValue.Of(d),
                (ParameterKind.Number, float f) => KnownValue.Of((double)f),
                (ParameterKind.String, string s) => KnownValue.Of(s),
                (ParameterKind.Boolean, bool b) => KnownValue.Of(b ? "true" : "false"),
                _ => (KnownValue?)null,
            };
        }

        /// <summary>Implicit numeric, nullable and collection conversions do not change what the value is.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The item count of a collection expression, array or collection initializer whose count is fixed.</summary>
        private static int? Count(IOperation value) => value switch
        {
            ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation) => collection.Elements.Length,
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues.Length,
            IObjectCreationOperation { Initializer: { } initializer } when initializer.Initializers.All(i => i is IInvocationOperation) =>
                initializer.Initializers.Length,
            _ => null,
        };
    }
}

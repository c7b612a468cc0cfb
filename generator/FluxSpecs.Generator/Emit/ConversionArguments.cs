using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// The C# arguments of a call to a size conversion helper, shared by the mapper (which writes the result) and the
    /// price estimate (which measures it), so both compute the same size.
    /// </summary>
    internal static class ConversionArguments
    {
        /// <summary>
        /// The inputs in the helper's order: enums as wire values (an unset enum counts as its default, the provider's
        /// else the model's, since a ratio or tier is needed to compute anything), other values as they are.
        /// </summary>
        public static List<string> Inputs(EmitSpec spec, ProviderSpec? provider, Combination combination)
        {
            var inputs = Parameters(spec, combination);
            var arguments = inputs.Select(p => p.Kind == ParameterKind.Enum ? EnumArgument(spec, provider, p) : p.PropertyName).ToList();
            if (combination.Convert == CombineConversion.AspectRatioToSize && inputs.Count == 3)
            {
                arguments.Insert(1, "null"); // no resolution parameter: the helper's default tier
            }

            if (combination.Convert != CombineConversion.SizeString)
            {
                arguments.AddRange(SizeLimits(provider, combination, inputs));
            }

            return arguments;
        }

        public static List<ParameterSpec> Parameters(EmitSpec spec, Combination combination) =>
            combination.From.Select(name => spec.Card.Parameters.First(p => p.Name == name)).ToList();

        /// <summary>The helper call that computes the size, as an expression.</summary>
        public static string Call(EmitSpec spec, ProviderSpec? provider, Combination combination)
        {
            var helper = combination.Convert switch
            {
                CombineConversion.SizeString => KnownTypes.SizeStringConversion,
                CombineConversion.AspectRatioToSize => KnownTypes.AspectRatioToSizeConversion,
                _ => KnownTypes.FalImageSizeConversion,
            };
            return helper + ".Convert(" + string.Join(", ", Inputs(spec, provider, combination)) + ")";
        }

        /// <summary>The enum's wire value, falling back to its default (the provider's, else the model's) when unset.</summary>
        private static string EnumArgument(EmitSpec spec, ProviderSpec? provider, ParameterSpec parameter)
        {
            if (parameter.Required)
            {
                return parameter.PropertyName + ".ToWireValue()";
            }

            var mapping = provider?.Parameters.FirstOrDefault(m => m.Parameter == parameter.Name);
            var providerDefault = mapping?.Default;
            if (mapping?.EditDefault is { } editDefault)
            {
                // The edit endpoint (taken when the request has images) has its own default.
                var otherwise = providerDefault is not null
                    ? CSharpTypes.EnumValue(spec, parameter, providerDefault)
                    : parameter.Default is not null ? CSharpTypes.DefaultConstantName(parameter) : null;
                var onEdit = CSharpTypes.EnumValue(spec, parameter, editDefault);
                return otherwise is null
                    ? "(" + parameter.PropertyName + " ?? (" + EditRequest(spec) + " ? (" + parameter.EnumTypeName + "?)" + onEdit + " : null))?.ToWireValue()"
                    : "(" + parameter.PropertyName + " ?? (" + EditRequest(spec) + " ? " + onEdit + " : " + otherwise + ")).ToWireValue()";
            }

            if (providerDefault is not null)
            {
                return "(" + parameter.PropertyName + " ?? " + CSharpTypes.EnumValue(spec, parameter, providerDefault) + ").ToWireValue()";
            }

            return parameter.Default is not null
                ? "(" + parameter.PropertyName + " ?? " + CSharpTypes.DefaultConstantName(parameter) + ").ToWireValue()"
                : parameter.PropertyName + "?.ToWireValue()";
        }

        /// <summary>Whether the request goes to the provider's edit endpoint: any of its image lists has images, as the mapper decides.</summary>
        public static string EditRequest(EmitSpec spec) =>
            "(" + string.Join(" || ", spec.Card.Parameters.Where(p => p.Kind == ParameterKind.ImageList).Select(p => p.PropertyName + " is { Count: > 0 }").DefaultIfEmpty("false")) + ")";

        /// <summary>The pixel step and the provider's largest width and height (the last two inputs), as named arguments.</summary>
        private static IEnumerable<string> SizeLimits(ProviderSpec? provider, Combination combination, IReadOnlyList<ParameterSpec> inputs)
        {
            if (combination.MultipleOf is { } step)
            {
                yield return "multipleOf: " + Literals.Long(step);
            }

            if (Max(provider, inputs[inputs.Count - 2]) is { } maxWidth)
            {
                yield return "maxWidth: " + Literals.Long(maxWidth);
            }

            if (Max(provider, inputs[inputs.Count - 1]) is { } maxHeight)
            {
                yield return "maxHeight: " + Literals.Long(maxHeight);
            }
        }

        private static long? Max(ProviderSpec? provider, ParameterSpec parameter)
        {
            var max = provider?.Parameters.FirstOrDefault(m => m.Parameter == parameter.Name)?.Limits.Max ?? parameter.Limits.Max;
            return max is { } m ? (long)m : (long?)null;
        }
    }
}

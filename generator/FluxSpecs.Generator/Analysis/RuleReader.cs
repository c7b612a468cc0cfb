using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FluxSpecs.Generator.Model;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// Reads a request type's rules from the <c>FluxSpecs.GeneratedCode</c> attributes the generator puts on it and its
    /// properties. Attributes are kept in metadata, so this reads a model compiled into a referenced assembly the same
    /// way as one generated in the project being analyzed.
    /// </summary>
    internal static class RuleReader
    {
        private const string Namespace = "FluxSpecs.GeneratedCode";

        /// <summary>
        /// The rules of <paramref name="type"/>: a generated request type, or a provider-options record (its parameters
        /// named <c>provider.name</c>, as the CLI names them); null for any other type.
        /// </summary>
        public static RequestRules? Read(INamedTypeSymbol type)
        {
            var attributes = type.GetAttributes();
            if (Find(attributes, "ModelRequestAttribute").FirstOrDefault() is { ConstructorArguments.Length: 2 } request
                && request.ConstructorArguments[0].Value is string modelId)
            {
                var budgets = Find(attributes, "PixelBudgetAttribute")
                    .Where(a => a.ConstructorArguments.Length == 3 && a.ConstructorArguments[0].Value is string && a.ConstructorArguments[1].Value is string && a.ConstructorArguments[2].Value is long)
                    .Select(a => (Named(a, "Provider") as string, new PixelBudget((string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[1].Value!, (long)a.ConstructorArguments[2].Value!)))
                    .ToImmutableArray();
                return new RequestRules(modelId, Strings(request.ConstructorArguments[1]), Parameters(type, prefix: string.Empty), OptionsOf: null) { PixelBudgets = budgets };
            }

            if (Find(attributes, "ProviderOptionsAttribute").FirstOrDefault() is { ConstructorArguments.Length: 2 } options
                && options.ConstructorArguments[0].Value is string optionsModelId
                && options.ConstructorArguments[1].Value is string providerId)
            {
                return new RequestRules(optionsModelId, ImmutableArray.Create(providerId), Parameters(type, prefix: providerId + "."), OptionsOf: providerId);
            }

            return null;
        }

        private static ImmutableArray<ParameterRules> Parameters(INamedTypeSymbol type, string prefix) => type.GetMembers().OfType<IPropertySymbol>()
            .Select(property => Parameter(property, prefix))
            .Where(p => p is not null)
            .Select(p => p!)
            .ToImmutableArray();

        private static ParameterRules? Parameter(IPropertySymbol property, string prefix)
        {
            var attributes = property.GetAttributes();
            var card = Find(attributes, "CardParameterAttribute").FirstOrDefault();
            if (card?.ConstructorArguments.FirstOrDefault().Value is not string cardName || KindOf(property.Type) is not { } kind)
            {
                return null;
            }

            var name = prefix + cardName;

            var providerLimits = ImmutableDictionary.CreateBuilder<string, Limits>();
            foreach (var attribute in Find(attributes, "ProviderLimitsAttribute"))
            {
                if (ProviderOf(attribute) is { } provider)
                {
                    providerLimits[provider] = LimitsOf(attribute);
                }
            }

            var providerValues = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>();
            foreach (var attribute in Find(attributes, "ProviderValuesAttribute"))
            {
                if (ProviderOf(attribute) is { } provider && attribute.ConstructorArguments.Length == 2)
                {
                    providerValues[provider] = Strings(attribute.ConstructorArguments[1]);
                }
            }

            return new ParameterRules(
                name,
                property.Name,
                kind,
                Named(card, "Default") as string,
                Find(attributes, "LimitsAttribute").Select(LimitsOf).FirstOrDefault() ?? Limits.None,
                kind == ParameterKind.Enum ? EnumValues(Underlying(property.Type)) : ImmutableArray<EnumValueSpec>.Empty,
                Condition(attributes, "AppliesWhenAttribute", negated: false) ?? Condition(attributes, "AppliesUnlessAttribute", negated: true),
                providerLimits.ToImmutable(),
                providerValues.ToImmutable(),
                Find(attributes, "ProviderRejectsAttribute").Select(ProviderOf).OfType<string>().ToImmutableHashSet());
        }

        /// <summary>The card's kind of value from the property's C# type, as the generator maps them.</summary>
        private static ParameterKind? KindOf(ITypeSymbol type)
        {
            type = Underlying(type);
            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return ParameterKind.String;
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                    return ParameterKind.Integer;
                case SpecialType.System_Double:
                    return ParameterKind.Number;
                case SpecialType.System_Boolean:
                    return ParameterKind.Boolean;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return ParameterKind.Enum;
            }

            return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } list
                ? list.TypeArguments[0].TypeKind == TypeKind.Enum ? ParameterKind.EnumList : ParameterKind.ImageList
                : null;
        }

        private static ITypeSymbol Underlying(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        private static ImmutableArray<EnumValueSpec> EnumValues(ITypeSymbol enumType) => enumType.GetMembers()
            .OfType<IFieldSymbol>()
            .Select(field => Find(field.GetAttributes(), "WireValueAttribute").FirstOrDefault()?.ConstructorArguments.FirstOrDefault().Value is string wire
                ? new EnumValueSpec(wire, field.Name, null)
                : null)
            .OfType<EnumValueSpec>()
            .ToImmutableArray();

        private static Applicability? Condition(ImmutableArray<AttributeData> attributes, string attributeName, bool negated) =>
            Find(attributes, attributeName).FirstOrDefault() is { ConstructorArguments.Length: 2 } attribute && attribute.ConstructorArguments[0].Value is string parameter
                ? new Applicability(parameter, Strings(attribute.ConstructorArguments[1]).ToEquatableArray(), negated)
                : null;

        /// <summary>A <c>ValueLimitsAttribute</c>: only the named arguments given are rules.</summary>
        private static Limits LimitsOf(AttributeData attribute) => new Limits(
            Named(attribute, "Min") is double min ? (decimal)min : null,
            Named(attribute, "Max") is double max ? (decimal)max : null,
            Named(attribute, "MultipleOf") is long step ? step : null,
            RoundingOf(attribute),
            Named(attribute, "MinLength") as int?,
            Named(attribute, "MaxLength") as int?,
            Named(attribute, "MaxItems") as int?,
            EquatableArray<string>.Empty);

        /// <summary>The <c>Rounding</c> member given, found by name so the runtime enum's order does not matter.</summary>
        private static RoundingMode? RoundingOf(AttributeData attribute)
        {
            var argument = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Rounding").Value;
            var name = argument.Kind == TypedConstantKind.Enum && argument.Type is { } enumType
                ? enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value))?.Name
                : null;
            return System.Enum.TryParse<RoundingMode>(name, out var mode) ? mode : null;
        }

        private static object? Named(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

        private static string? ProviderOf(AttributeData attribute) => attribute.ConstructorArguments.FirstOrDefault().Value as string;

        private static ImmutableArray<string> Strings(TypedConstant array) =>
            array.Kind == TypedConstantKind.Array ? array.Values.Select(v => v.Value).OfType<string>().ToImmutableArray() : ImmutableArray<string>.Empty;

        /// <summary>The attributes of one FluxSpecs.GeneratedCode type, matched by full name (the runtime may be a reference or the project itself).</summary>
        private static IEnumerable<AttributeData> Find(ImmutableArray<AttributeData> attributes, string typeName) =>
            attributes.Where(a => a.AttributeClass is { } type && type.Name == typeName && type.ContainingNamespace.ToDisplayString() == Namespace);
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// Builds a <see cref="ParameterSpec"/> from a parameter's YAML and checks what the grammar cannot: ranges, defaults
    /// against the parameter's own rules, enum values, limits that do not fit the type.
    /// </summary>
    internal sealed class ParameterBinder
    {
        private readonly DiagnosticBag _diagnostics;

        public ParameterBinder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

        /// <param name="enumPrefix">
        /// Prefix for the C# enum name: the card's C# name, then the provider's for its own parameters. Enums are named like
        /// the request (<c>Flux2ProAspectRatio</c>) so a file can import two models' namespaces without ambiguity.
        /// </param>
        public ParameterSpec? Bind(YamlScalarNode key, YamlNode node, string path, string enumPrefix, bool extra)
        {
            var map = new YamlMap(node);
            if (!map.Exists || !TryKind(map.String("type"), out var kind))
            {
                return null;
            }

            var name = key.Value!;
            var limits = BindLimits(map, path, kind);
            var values = kind is ParameterKind.Enum or ParameterKind.EnumList ? BindEnumValues(map, path) : EquatableArray<EnumValueSpec>.Empty;
            if (kind is ParameterKind.Enum or ParameterKind.EnumList && values.IsEmpty)
            {
                _diagnostics.Add(CardError.MissingKey, key, path, "values");
            }
            else if (kind is not (ParameterKind.Enum or ParameterKind.EnumList) && map.Get("values") is { } stray)
            {
                _diagnostics.Add(CardError.InvalidValue, stray, path + ".values", "values", "'values' applies to enum and enum_list parameters only");
            }

            var secret = map.Boolean("secret") ?? false;
            if (secret && kind != ParameterKind.String)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("secret"), path + ".secret", "true", "only string parameters can be secret");
            }

            var spec = new ParameterSpec(
                Name: name,
                PropertyName: Naming.Pascal(name),
                Field: extra ? map.String("field") : null,
                Kind: kind,
                Required: map.Boolean("required") ?? false,
                Default: map.String("default"),
                Description: map.String("description"),
                Limits: limits,
                Values: values,
                EnumTypeName: kind is ParameterKind.Enum or ParameterKind.EnumList ? enumPrefix + Naming.Pascal(name) : null,
                Applicability: BindApplicability(map),
                Secret: secret,
                UsesLong: kind == ParameterKind.Integer && (limits.Min < int.MinValue || limits.Max > int.MaxValue),
                TopLevel: extra && (map.Boolean("top_level") ?? false));

            if (spec.Default is not null)
            {
                CheckDefault(spec, spec.Limits, spec.Values.Select(v => v.Value), map.At("default"), path);
            }

            return spec;
        }

        /// <summary>Checks a default against rules (the parameter's, or a provider's narrowed ones).</summary>
        public void CheckDefault(ParameterSpec parameter, Limits limits, IEnumerable<string> allowedValues, YamlNode at, string path)
        {
            var value = ((YamlScalarNode)at).Value ?? string.Empty;
            var broken = RuleText.FirstBroken(parameter.Kind, value, limits, allowedValues.ToList());
            if (broken is not null)
            {
                _diagnostics.Add(CardError.InvalidDefault, at, path, value, broken);
            }
        }

        /// <summary>Reads the value rules of a parameter or a provider mapping, checking they suit <paramref name="kind"/>.</summary>
        public Limits BindLimits(YamlMap map, string path, ParameterKind kind)
        {
            var limits = new Limits(
                map.Number("min"),
                map.Number("max"),
                map.Integer("multiple_of"),
                CardVocabulary.Roundings.TryParse(map.String("rounding"), out var rounding) ? rounding : (RoundingMode?)null,
                map.Int32("min_length"),
                map.Int32("max_length"),
                map.Int32("max_items"),
                map.Strings("formats").Select(f => f.Value!).ToEquatableArray());

            RequireKind(map, path, "min", kind, ParameterKind.Integer, ParameterKind.Number);
            RequireKind(map, path, "max", kind, ParameterKind.Integer, ParameterKind.Number);
            RequireKind(map, path, "multiple_of", kind, ParameterKind.Integer);
            RequireKind(map, path, "rounding", kind, ParameterKind.Integer);
            RequireKind(map, path, "min_length", kind, ParameterKind.String);
            RequireKind(map, path, "max_length", kind, ParameterKind.String);
            RequireKind(map, path, "max_items", kind, ParameterKind.ImageList, ParameterKind.EnumList);
            RequireKind(map, path, "formats", kind, ParameterKind.ImageList);

            if (kind == ParameterKind.Integer)
            {
                RequireWhole(map, path, "min", limits.Min);
                RequireWhole(map, path, "max", limits.Max);
            }

            if (limits.Min is { } min && limits.Max is { } max && min > max)
            {
                _diagnostics.Add(CardError.InvalidRange, map.At("min"), path, Format(min), Format(max));
            }

            if (limits.MinLength is { } minLength && limits.MaxLength is { } maxLength && minLength > maxLength)
            {
                _diagnostics.Add(CardError.InvalidRange, map.At("min_length"), path, Format(minLength), Format(maxLength));
            }

            RequirePositive(map, path, "multiple_of", limits.MultipleOf);
            RequirePositive(map, path, "max_items", limits.MaxItems);
            RequirePositive(map, path, "max_length", limits.MaxLength);
            if (limits.MinLength < 0)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("min_length"), path + ".min_length", Format(limits.MinLength.Value), "must not be negative");
            }

            if (limits.Rounding is { } mode && limits.MultipleOf is null && map.Get("rounding") is { } roundingNode)
            {
                _diagnostics.Add(CardError.InvalidValue, roundingNode, path + ".rounding", CardVocabulary.Roundings.WordOf(mode), "'rounding' needs 'multiple_of'");
            }

            return limits;
        }

        private void RequireKind(YamlMap map, string path, string key, ParameterKind kind, params ParameterKind[] allowed)
        {
            if (map.Get(key) is { } node && !allowed.Contains(kind))
            {
                _diagnostics.Add(
                    CardError.InvalidValue,
                    node,
                    path + "." + key,
                    YamlScalars.Describe(node),
                    "'" + key + "' applies to " + string.Join(" and ", allowed.Select(KindName)) + " parameters only");
            }
        }

        private void RequireWhole(YamlMap map, string path, string key, decimal? value)
        {
            if (value is { } v && decimal.Truncate(v) != v)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At(key), path + "." + key, Format(v), "an integer parameter needs a whole number");
            }
            else if (value is < long.MinValue or > long.MaxValue)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At(key), path + "." + key, Format(value.Value), "an integer parameter's limits must fit in 64 bits (" + long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture) + " to " + long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
            }
        }

        private void RequirePositive(YamlMap map, string path, string key, long? value)
        {
            if (value is <= 0)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At(key), path + "." + key, Format(value.Value), "must be at least 1");
            }
        }

        private EquatableArray<EnumValueSpec> BindEnumValues(YamlMap map, string path)
        {
            var result = new List<EnumValueSpec>();
            if (map.Get("values") is not YamlSequenceNode sequence)
            {
                return EquatableArray<EnumValueSpec>.Empty;
            }

            var seenValues = new HashSet<string>();
            var seenMembers = new HashSet<string>();
            foreach (var item in sequence.Children)
            {
                string? value;
                string? member;
                string? description = null;
                YamlNode at = item;
                if (item is YamlScalarNode scalar && !YamlScalars.IsNull(scalar))
                {
                    value = scalar.Value!;
                    member = Naming.EnumMember(value);
                }
                else if (item is YamlMappingNode)
                {
                    var entry = new YamlMap(item);
                    value = entry.String("value");
                    member = entry.String("name") ?? (value is null ? null : Naming.EnumMember(value));
                    description = entry.String("description");
                    at = entry.At("value");
                }
                else
                {
                    continue;
                }

                if (value is null)
                {
                    continue;
                }

                if (member is null || member.Length == 0)
                {
                    _diagnostics.Add(CardError.InvalidValue, at, path + ".values", value, "no C# name can be made from it; give the value a 'name'");
                    continue;
                }

                if (!seenValues.Add(value))
                {
                    _diagnostics.Add(CardError.DuplicateName, at, "the enum value", value);
                    continue;
                }

                if (!seenMembers.Add(member))
                {
                    _diagnostics.Add(CardError.DuplicateName, at, "the C# enum member", member);
                    continue;
                }

                result.Add(new EnumValueSpec(value, member, description));
            }

            return result.ToEquatableArray();
        }

        private static Applicability? BindApplicability(YamlMap map)
        {
            var negated = map.Get("applies_when") is null && map.Get("applies_unless") is not null;
            var condition = new YamlMap(map.Get(negated ? "applies_unless" : "applies_when"));
            foreach (var entry in condition.Entries)
            {
                var values = entry.Value switch
                {
                    YamlScalarNode scalar when !YamlScalars.IsNull(scalar) => new[] { scalar.Value! },
                    YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Where(s => !YamlScalars.IsNull(s)).Select(s => s.Value!).ToArray(),
                    _ => new string[0],
                };
                return new Applicability(entry.Key.Value!, values.ToEquatableArray(), negated);
            }

            return null;
        }

        private static bool TryKind(string? type, out ParameterKind kind)
        {
            switch (type)
            {
                case "string": kind = ParameterKind.String; return true;
                case "integer": kind = ParameterKind.Integer; return true;
                case "number": kind = ParameterKind.Number; return true;
                case "boolean": kind = ParameterKind.Boolean; return true;
                case "enum": kind = ParameterKind.Enum; return true;
                case "enum_list": kind = ParameterKind.EnumList; return true;
                case "image_list": kind = ParameterKind.ImageList; return true;
                default: kind = default; return false;
            }
        }

        public static string KindName(ParameterKind kind) => kind switch
        {
            ParameterKind.EnumList => "enum_list",
            ParameterKind.ImageList => "image_list",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}

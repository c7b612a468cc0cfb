using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Builds a <see cref="ModelCard"/> from a card whose shape has been checked, reporting what it means wrongly.</summary>
    internal sealed class CardBinder
    {
        /// <summary>C# members every request has; a parameter may not take their names.</summary>
        private static readonly string[] ReservedPropertyNames = { "ModelId", "Validate", "ToString", "Equals", "GetHashCode", "GetType", "EqualityContract" };

        private readonly DiagnosticBag _diagnostics;
        private readonly IReadOnlyCollection<string> _providerIds;

        public CardBinder(DiagnosticBag diagnostics, IReadOnlyCollection<string> providerIds)
        {
            _diagnostics = diagnostics;
            _providerIds = providerIds;
        }

        public ModelCard? Bind(YamlMappingNode root)
        {
            var card = new YamlMap(root);
            var id = card.String("id");
            var name = card.String("name");
            if (id is null || name is null)
            {
                return null;
            }

            var typePrefix = Naming.Pascal(id);
            var parameters = BindParameters(new YamlMap(card.Get("parameters")), typePrefix);
            if (BindImageCount(new YamlMap(card.Get("image_count"))) is { } imageCount)
            {
                parameters.Add(imageCount);
            }

            var byName = parameters.ToDictionary(p => p.Name);
            CheckApplicability(new YamlMap(card.Get("parameters")), byName);

            var providerBinder = new ProviderBinder(_diagnostics, byName, typePrefix, _providerIds);
            var outputSize = card.Get("output_size") is { } sizeRule
                ? providerBinder.BindCombination(new YamlMap(sizeRule), "output_size", writesFields: false)
                : null;
            var providers = new List<ProviderSpec>();
            foreach (var entry in new YamlMap(card.Get("providers")).Entries)
            {
                if (providerBinder.Bind(entry.Key, entry.Value) is { } provider)
                {
                    if (parameters.Any(p => p.PropertyName == provider.PropertyName))
                    {
                        _diagnostics.Add(CardError.DuplicateName, entry.Key, "the C# property", provider.PropertyName);
                    }

                    providers.Add(provider);
                }
            }

            CheckEnumTypeNames(card, typePrefix, parameters, providers);

            return new ModelCard(
                id,
                typePrefix,
                name,
                card.String("vendor"),
                card.String("description"),
                card.String("namespace"),
                parameters.ToEquatableArray(),
                providers.ToEquatableArray())
            {
                OutputSize = outputSize,
            };
        }

        /// <summary>
        /// Every type of a card shares its C# name as a prefix, so an enum can take the name of another generated type
        /// (<c>request</c> → <c>Flux2ProRequest</c>) or of a provider's own enum (<c>replicate_webhook_events_filter</c>).
        /// </summary>
        private void CheckEnumTypeNames(YamlMap card, string typePrefix, List<ParameterSpec> parameters, List<ProviderSpec> providers)
        {
            var taken = new HashSet<string>(new[] { "Request", "Model", "Client", "WireValues" }.Select(suffix => typePrefix + suffix));
            taken.UnionWith(providers.Select(p => p.OptionsTypeName).OfType<string>());
            var enums = parameters.Select(p => (Spec: p, Key: new YamlMap(card.Get("parameters")).KeyNode(p.Name)))
                .Concat(providers.SelectMany(provider => provider.Extra.Select(p =>
                    (Spec: p, Key: new YamlMap(new YamlMap(new YamlMap(card.Get("providers")).Get(provider.Id)).Get("extra")).KeyNode(p.Name)))));
            foreach (var (spec, key) in enums)
            {
                if (spec.EnumTypeName is { } type && !taken.Add(type))
                {
                    _diagnostics.Add(CardError.DuplicateName, key, "the C# type", type);
                }
            }
        }

        private List<ParameterSpec> BindParameters(YamlMap map, string typePrefix)
        {
            var binder = new ParameterBinder(_diagnostics);
            var result = new List<ParameterSpec>();
            var properties = new HashSet<string>();
            foreach (var entry in map.Entries)
            {
                var spec = binder.Bind(entry.Key, entry.Value, "parameters." + entry.Key.Value, typePrefix, extra: false);
                if (spec is null)
                {
                    continue;
                }

                if (spec.Name == ImageCount.ParameterName)
                {
                    _diagnostics.Add(CardError.InvalidValue, entry.Key, "parameters", spec.Name, "the name is the card's image count; declare it with the top-level 'image_count' key");
                    continue;
                }

                if (ReservedPropertyNames.Contains(spec.PropertyName))
                {
                    _diagnostics.Add(CardError.InvalidValue, entry.Key, "parameters", spec.Name, "its C# name '" + spec.PropertyName + "' is reserved for a member every request has");
                    continue;
                }

                if (!properties.Add(spec.PropertyName))
                {
                    _diagnostics.Add(CardError.DuplicateName, entry.Key, "the C# property", spec.PropertyName);
                    continue;
                }

                result.Add(spec);
            }

            return result;
        }

        /// <summary>
        /// The card's <c>image_count</c> as the integer parameter <c>image_count</c> (1 to <c>max</c>, default 1), or null
        /// when the card has none.
        /// </summary>
        private ParameterSpec? BindImageCount(YamlMap map)
        {
            if (!map.Exists || map.Integer("max") is not { } max)
            {
                return null; // absent, or max missing or not an integer: the shape check reports it
            }

            if (max < 1)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("max"), "image_count.max", RuleText.Format(max), "must be at least 1");
                return null;
            }

            var limits = Limits.None with { Min = 1, Max = max };
            var spec = new ParameterSpec(
                Name: ImageCount.ParameterName,
                PropertyName: ImageCount.PropertyName,
                Field: null,
                Kind: ParameterKind.Integer,
                Required: false,
                Default: map.String("default") ?? "1",
                Description: map.String("description") ?? ImageCount.DefaultDescription,
                Limits: limits,
                Values: EquatableArray<EnumValueSpec>.Empty,
                EnumTypeName: null,
                Applicability: null,
                Secret: false,
                UsesLong: false,
                TopLevel: false);
            if (map.Scalar("default") is { } given)
            {
                new ParameterBinder(_diagnostics).CheckDefault(spec, limits, new string[0], given, "image_count.default");
            }

            return spec;
        }

        /// <summary>An applies_when/applies_unless names another parameter of the card, and values it can take.</summary>
        private void CheckApplicability(YamlMap parameters, IReadOnlyDictionary<string, ParameterSpec> byName)
        {
            foreach (var parameter in byName.Values.Where(p => p.Applicability is not null))
            {
                var condition = parameter.Applicability!;
                var yaml = new YamlMap(new YamlMap(parameters.Get(parameter.Name)).Get(condition.Negated ? "applies_unless" : "applies_when"));
                var path = "parameters." + parameter.Name + (condition.Negated ? ".applies_unless" : ".applies_when");
                if (!byName.TryGetValue(condition.Parameter, out var other) || other.Name == parameter.Name)
                {
                    _diagnostics.Add(CardError.UnknownParameter, yaml.KeyNode(condition.Parameter), path, condition.Parameter);
                    continue;
                }

                if (other.Kind != ParameterKind.Enum && other.Kind != ParameterKind.Boolean)
                {
                    _diagnostics.Add(CardError.InvalidValue, yaml.KeyNode(condition.Parameter), path, condition.Parameter, "a condition can only test an enum or boolean parameter");
                    continue;
                }

                var allowed = other.Kind == ParameterKind.Boolean ? new[] { "true", "false" } : other.Values.Select(v => v.Value).ToArray();
                foreach (var value in condition.Values.Where(v => !allowed.Contains(v)))
                {
                    _diagnostics.Add(CardError.InvalidValue, yaml.At(condition.Parameter), path, value, "'" + other.Name + "' has no such value (" + string.Join(", ", allowed) + ")");
                }
            }
        }
    }
}

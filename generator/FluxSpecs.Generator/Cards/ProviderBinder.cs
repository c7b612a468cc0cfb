using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// Builds a <see cref="ProviderSpec"/> and checks it against the model: every name it mentions is a model parameter,
    /// and every limit it states lies within the model's (a provider narrows, never widens).
    /// </summary>
    internal sealed class ProviderBinder
    {
        private readonly DiagnosticBag _diagnostics;
        private readonly ParameterBinder _parameters;
        private readonly IReadOnlyDictionary<string, ParameterSpec> _model;
        private readonly string _typePrefix;
        private readonly IReadOnlyCollection<string> _providerIds;

        public ProviderBinder(DiagnosticBag diagnostics, IReadOnlyDictionary<string, ParameterSpec> model, string typePrefix, IReadOnlyCollection<string> providerIds)
        {
            _providerIds = providerIds;
            _diagnostics = diagnostics;
            _parameters = new ParameterBinder(diagnostics);
            _model = model;
            _typePrefix = typePrefix;
        }

        public ProviderSpec? Bind(YamlScalarNode key, YamlNode node)
        {
            var id = key.Value!;
            if (!_providerIds.Contains(id))
            {
                _diagnostics.Add(CardError.UnknownProvider, key, id, string.Join(", ", _providerIds));
                return null;
            }

            var map = new YamlMap(node);
            var model = map.String("model");
            if (!map.Exists || model is null)
            {
                return null;
            }

            var path = "providers." + id;
            var propertyName = Naming.Pascal(id);
            var mappings = BindMappings(new YamlMap(map.Get("parameters")), path + ".parameters", id);
            if (BindImageCount(new YamlMap(map.Get("image_count")), path + ".image_count", id) is { } imageCount)
            {
                mappings = mappings.Concat(new[] { imageCount }).ToEquatableArray();
            }

            var combine = BindCombinations(map.Get("combine"), path + ".combine");
            var unsupported = BindUnsupported(map, path, mappings);
            CheckCombinations(map, path, mappings, unsupported);
            var extra = BindExtra(new YamlMap(map.Get("extra")), path + ".extra", propertyName);
            CheckImageCountField(new YamlMap(map.Get("extra")), path + ".extra", mappings, extra);

            return new ProviderSpec(
                Id: id,
                PropertyName: propertyName,
                Model: model,
                EditModel: map.String("edit_model"),
                Docs: map.String("docs"),
                Parameters: mappings,
                Combine: combine,
                Unsupported: unsupported,
                DropUnsupported: map.String("on_unsupported") == "drop",
                Extra: extra,
                OptionsTypeName: extra.IsEmpty ? null : _typePrefix + propertyName + "Options",
                Pricing: new PricingBinder(_diagnostics).Bind(new YamlMap(map.Get("pricing")), path + ".pricing"));
        }

        private EquatableArray<ParameterMapping> BindMappings(YamlMap map, string path, string providerId)
        {
            var result = new List<ParameterMapping>();
            foreach (var entry in map.Entries)
            {
                var name = entry.Key.Value!;
                if (!_model.TryGetValue(name, out var parameter))
                {
                    _diagnostics.Add(CardError.UnknownParameter, entry.Key, path, name);
                    continue;
                }

                if (name == ImageCount.ParameterName)
                {
                    _diagnostics.Add(CardError.InvalidValue, entry.Key, path, name, "a provider takes the image count with its own 'image_count' key ({ field, max })");
                    continue;
                }

                var mappingPath = path + "." + name;
                var mapping = new YamlMap(entry.Value);
                var limits = _parameters.BindLimits(mapping, mappingPath, parameter.Kind);
                CheckWithinModel(mapping, providerId, parameter, limits);

                var values = BindValueMappings(mapping, mappingPath, parameter);
                var images = BindImages(mapping, mappingPath, parameter);
                var convert = mapping.String("convert");
                if (convert is not null && parameter.Kind is not (ParameterKind.Integer or ParameterKind.Number or ParameterKind.Boolean))
                {
                    _diagnostics.Add(CardError.InvalidValue, mapping.At("convert"), mappingPath + ".convert", convert, "'to_string' converts integer, number and boolean parameters");
                }

                var providerDefault = mapping.String("default");
                if (providerDefault is not null)
                {
                    var effective = Narrow(parameter.Limits, limits);
                    var allowed = values.IsEmpty ? parameter.Values.Select(v => v.Value) : values.Select(v => v.ModelValue);
                    _parameters.CheckDefault(parameter, effective, allowed, mapping.At("default"), mappingPath + ".default");
                }

                var conversion = CardVocabulary.ValueConversions.TryParse(convert, out var known) ? known : (ValueConversion?)null;
                result.Add(new ParameterMapping(name, mapping.String("field"), limits, values, providerDefault, conversion, images));
            }

            return result.ToEquatableArray();
        }

        /// <summary>
        /// A provider's <c>image_count</c>: its field (native) and its maximum, as the mapping of the model's
        /// <c>image_count</c> parameter. Without a field the count is emulated, and the mapping only narrows the maximum.
        /// </summary>
        private ParameterMapping? BindImageCount(YamlMap map, string path, string providerId)
        {
            if (!map.Exists)
            {
                return null;
            }

            if (!_model.TryGetValue(ImageCount.ParameterName, out var parameter))
            {
                _diagnostics.Add(CardError.InvalidValue, map.Node!, path, "image_count", "the card declares no image_count (give the top-level 'image_count: { max: … }' first)");
                return null;
            }

            var max = map.Integer("max");
            if (max is < 1)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("max"), path + ".max", RuleText.Format(max.Value), "must be at least 1");
                return null;
            }

            var limits = Limits.None with { Max = max };
            CheckWithinModel(map, providerId, parameter, limits);
            return new ParameterMapping(ImageCount.ParameterName, map.String("field"), limits, EquatableArray<ValueMapping>.Empty, null, null, null);
        }

        /// <summary>A provider-only parameter may not write the field the provider takes the image count in.</summary>
        private void CheckImageCountField(YamlMap extraMap, string path, EquatableArray<ParameterMapping> mappings, EquatableArray<ParameterSpec> extra)
        {
            var field = mappings.FirstOrDefault(m => m.Parameter == ImageCount.ParameterName)?.Field;
            foreach (var parameter in extra.Where(p => field is not null && (p.Field ?? p.Name) == field))
            {
                _diagnostics.Add(CardError.InvalidValue, extraMap.KeyNode(parameter.Name), path + "." + parameter.Name, parameter.Name, "it writes '" + field + "', the provider's image_count field; set the request's ImageCount instead");
            }
        }

        /// <summary>A provider limit must lie inside the model's: the model's rules are the union of every provider's.</summary>
        private void CheckWithinModel(YamlMap mapping, string providerId, ParameterSpec parameter, Limits limits)
        {
            var model = parameter.Limits;
            Report("min", limits.Min < model.Min || limits.Min > model.Max, limits.Min, "the model's range " + RangeText(model));
            Report("max", limits.Max > model.Max || limits.Max < model.Min, limits.Max, "the model's range " + RangeText(model));
            Report("max_items", limits.MaxItems > model.MaxItems, limits.MaxItems, "the model's max_items " + model.MaxItems);
            Report("max_length", limits.MaxLength > model.MaxLength, limits.MaxLength, "the model's max_length " + model.MaxLength);
            Report("min_length", limits.MinLength < model.MinLength, limits.MinLength, "the model's min_length " + model.MinLength);
            Report(
                "multiple_of",
                limits.MultipleOf is { } step && model.MultipleOf is { } modelStep && step % modelStep != 0,
                limits.MultipleOf,
                "a multiple of the model's multiple_of " + model.MultipleOf);
            foreach (var format in limits.Formats)
            {
                Report("formats", !model.Formats.IsEmpty && !model.Formats.Contains(format), format, "the model's formats " + string.Join(", ", model.Formats));
            }

            void Report(string key, bool outside, object? value, string bound)
            {
                if (outside)
                {
                    _diagnostics.Add(
                        CardError.ProviderLimitOutsideModel,
                        mapping.At(key),
                        providerId,
                        key + " " + System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                        parameter.Name,
                        bound);
                }
            }
        }

        private static string RangeText(Limits limits) =>
            (limits.Min is { } min ? RuleText.Format(min) : "…") + "–" + (limits.Max is { } max ? RuleText.Format(max) : "…");

        private static Limits Narrow(Limits model, Limits provider) => new Limits(
            provider.Min ?? model.Min,
            provider.Max ?? model.Max,
            provider.MultipleOf ?? model.MultipleOf,
            provider.Rounding ?? model.Rounding,
            provider.MinLength ?? model.MinLength,
            provider.MaxLength ?? model.MaxLength,
            provider.MaxItems ?? model.MaxItems,
            provider.Formats.IsEmpty ? model.Formats : provider.Formats);

        private EquatableArray<ValueMapping> BindValueMappings(YamlMap mapping, string path, ParameterSpec parameter)
        {
            var node = mapping.Get("values");
            if (node is null)
            {
                return EquatableArray<ValueMapping>.Empty;
            }

            if (parameter.Kind is not (ParameterKind.Enum or ParameterKind.EnumList))
            {
                _diagnostics.Add(CardError.InvalidValue, node, path + ".values", YamlScalars.Describe(node), "'values' applies to enum and enum_list parameters only");
                return EquatableArray<ValueMapping>.Empty;
            }

            // A list keeps the model's wire strings; a map renames them, and maps a value to null when it is not sent.
            var pairs = node switch
            {
                YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => (Node: s, Wire: s.Value)),
                YamlMappingNode map => map.Children
                    .Where(e => e.Key is YamlScalarNode && e.Value is YamlScalarNode)
                    .Select(e => ((YamlScalarNode)e.Key, YamlScalars.IsNull((YamlScalarNode)e.Value) ? null : ((YamlScalarNode)e.Value).Value)),
                _ => Enumerable.Empty<(YamlScalarNode Node, string? Wire)>(),
            };

            var result = new List<ValueMapping>();
            foreach (var (valueNode, wire) in pairs)
            {
                var modelValue = valueNode.Value ?? string.Empty;
                if (!parameter.Values.Any(v => v.Value == modelValue))
                {
                    _diagnostics.Add(
                        CardError.InvalidValue,
                        valueNode,
                        path + ".values",
                        modelValue,
                        "it is not a value of the model's '" + parameter.Name + "' (" + string.Join(", ", parameter.Values.Select(v => v.Value)) + ")");
                    continue;
                }

                result.Add(new ValueMapping(modelValue, wire));
            }

            return result.ToEquatableArray();
        }

        private ImageBinding? BindImages(YamlMap mapping, string path, ParameterSpec parameter)
        {
            var images = new YamlMap(mapping.Get("images"));
            if (!images.Exists)
            {
                return null;
            }

            if (parameter.Kind != ParameterKind.ImageList)
            {
                _diagnostics.Add(CardError.InvalidValue, images.Node!, path + ".images", "a mapping", "'images' applies to image_list parameters only");
                return null;
            }

            return new ImageBinding(
                CardVocabulary.ImageShapes.TryParse(images.String("shape"), out var shape) ? shape : ImageBinding.Default.Shape,
                CardVocabulary.ImageEncodings.TryParse(images.String("encoding"), out var encoding) ? encoding : ImageBinding.Default.Encoding);
        }

        private EquatableArray<Combination> BindCombinations(YamlNode? node, string path)
        {
            var result = new List<Combination>();
            if (node is not YamlSequenceNode sequence)
            {
                return EquatableArray<Combination>.Empty;
            }

            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var itemPath = path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                if (BindCombination(new YamlMap(sequence.Children[i]), itemPath, writesFields: true) is { } combination)
                {
                    result.Add(combination);
                }
            }

            return result.ToEquatableArray();
        }

        /// <summary>
        /// One conversion over model parameters: a provider's <c>combine</c> entry, which writes fields, or the model's
        /// <c>output_size</c>, which only computes a size (<paramref name="writesFields"/> false: no <c>into</c>).
        /// </summary>
        internal Combination? BindCombination(YamlMap map, string path, bool writesFields)
        {
            var word = map.String("convert");
            var from = map.Strings("from");
            var into = map.Strings("into").Select(s => s.Value!).ToEquatableArray();
            if (!CardVocabulary.CombineConversions.TryParse(word, out var convert))
            {
                return null; // missing or unknown: the shape check reports it
            }

            foreach (var name in from.Where(f => !_model.ContainsKey(f.Value!)))
            {
                _diagnostics.Add(CardError.UnknownParameter, name, path + ".from", name.Value!);
            }

            if (!FitsSignature(convert, from, writesFields ? into.Count : (int?)null))
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("convert"), path, word!, "'" + word + "' " + SignatureText(convert));
            }

            var step = map.Integer("multiple_of");
            if (step is <= 0)
            {
                _diagnostics.Add(CardError.InvalidValue, map.At("multiple_of"), path + ".multiple_of", RuleText.Format(step.Value), "must be at least 1");
            }

            return new Combination(convert, from.Select(f => f.Value!).ToEquatableArray(), into, step);
        }

        /// <summary>
        /// The parameters each conversion reads, by position and kind (one list per accepted length), and how many fields
        /// it writes. The mapper emitter relies on these, so a card that breaks them is an error here, not bad C# later.
        /// </summary>
        private static (ParameterKind[][] From, int Into) Signature(CombineConversion convert) => convert switch
        {
            CombineConversion.SizeString => (new[] { new[] { ParameterKind.Integer, ParameterKind.Integer } }, 1),
            CombineConversion.AspectRatioToSize => (new[]
            {
                new[] { ParameterKind.Enum, ParameterKind.Enum, ParameterKind.Integer, ParameterKind.Integer },
                new[] { ParameterKind.Enum, ParameterKind.Integer, ParameterKind.Integer },
            }, 2),
            _ => (new[] { new[] { ParameterKind.Enum, ParameterKind.Integer, ParameterKind.Integer } }, 1),
        };

        private static string SignatureText(CombineConversion convert) => convert switch
        {
            CombineConversion.SizeString => "reads [width, height] (integers) and writes 1 field",
            CombineConversion.AspectRatioToSize => "reads [aspect ratio, resolution, width, height] or [aspect ratio, width, height] (enums, then integers) and writes 2 fields",
            _ => "reads [aspect ratio, width, height] (an enum, then integers) and writes 1 field",
        };

        private bool FitsSignature(CombineConversion convert, IReadOnlyList<YamlScalarNode> from, int? into)
        {
            var signature = Signature(convert);
            return (into is null || into == signature.Into) && signature.From.Any(kinds =>
                kinds.Length == from.Count
                && kinds.Select((kind, i) => !_model.TryGetValue(from[i].Value!, out var parameter) || parameter.Kind == kind).All(fits => fits));
        }

        /// <summary>
        /// What a provider section cannot say at once: a parameter both unsupported and read by a combination, or an
        /// object-valued conversion on a provider whose images make the body a multipart form.
        /// </summary>
        private void CheckCombinations(YamlMap map, string path, EquatableArray<ParameterMapping> mappings, EquatableArray<string> unsupported)
        {
            if (map.Get("combine") is not YamlSequenceNode items)
            {
                return;
            }

            var multipart = mappings.Any(m => m.Images?.Encoding == ImageEncoding.File);
            for (var i = 0; i < items.Children.Count; i++)
            {
                var item = new YamlMap(items.Children[i]);
                var itemPath = path + ".combine[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                foreach (var name in item.Strings("from").Where(n => unsupported.Contains(n.Value!)))
                {
                    _diagnostics.Add(CardError.InvalidValue, name, itemPath + ".from", name.Value!, "it is also listed as unsupported");
                }

                if (multipart && CardVocabulary.CombineConversions.TryParse(item.String("convert"), out var conversion) && conversion == CombineConversion.FalImageSize)
                {
                    _diagnostics.Add(
                        CardError.InvalidValue,
                        item.At("convert"),
                        itemPath,
                        "fal_image_size",
                        "it writes a JSON object, and this provider's images (encoding: file) make the body a multipart form");
                }
            }
        }

        private EquatableArray<string> BindUnsupported(YamlMap map, string path, EquatableArray<ParameterMapping> mappings)
        {
            var result = new List<string>();
            foreach (var node in map.Strings("unsupported"))
            {
                var name = node.Value!;
                if (!_model.TryGetValue(name, out var parameter))
                {
                    _diagnostics.Add(CardError.UnknownParameter, node, path + ".unsupported", name);
                }
                else if (parameter.Required)
                {
                    _diagnostics.Add(CardError.InvalidValue, node, path + ".unsupported", name, "a required parameter cannot be unsupported");
                }
                else if (name == ImageCount.ParameterName)
                {
                    _diagnostics.Add(CardError.InvalidValue, node, path + ".unsupported", name, "a provider without a count field gets the count as that many jobs; cap it with image_count.max");
                }
                else if (mappings.Any(m => m.Parameter == name))
                {
                    _diagnostics.Add(CardError.InvalidValue, node, path + ".unsupported", name, "it is also mapped under 'parameters'");
                }
                else
                {
                    result.Add(name);
                }
            }

            return result.ToEquatableArray();
        }

        private EquatableArray<ParameterSpec> BindExtra(YamlMap map, string path, string providerName)
        {
            var result = new List<ParameterSpec>();
            foreach (var entry in map.Entries)
            {
                var name = entry.Key.Value!;
                if (_model.ContainsKey(name))
                {
                    _diagnostics.Add(CardError.DuplicateName, entry.Key, "the parameter", name);
                    continue;
                }

                var spec = _parameters.Bind(entry.Key, entry.Value, path + "." + name, _typePrefix + providerName, extra: true);
                if (spec is not null)
                {
                    if (spec.Required)
                    {
                        _diagnostics.Add(CardError.InvalidValue, new YamlMap(entry.Value).At("required"), path + "." + name + ".required", "true", "a provider-only parameter cannot be required");
                    }

                    if (spec.Applicability is not null)
                    {
                        _diagnostics.Add(CardError.InvalidValue, entry.Key, path + "." + name, name, "a provider-only parameter has no applies_when/applies_unless");
                    }

                    result.Add(spec);
                }
            }

            return result.ToEquatableArray();
        }
    }
}

using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// Typed, forgiving access to one YAML mapping for the binder. The shape checker has already reported wrong types,
    /// so a value of the wrong type simply reads as absent here.
    /// </summary>
    internal readonly struct YamlMap
    {
        private readonly YamlMappingNode? _node;

        public YamlMap(YamlNode? node) => _node = node as YamlMappingNode;

        public bool Exists => _node is not null;

        public YamlNode? Node => _node;

        public IEnumerable<KeyValuePair<YamlScalarNode, YamlNode>> Entries
        {
            get
            {
                if (_node is null)
                {
                    yield break;
                }

                foreach (var entry in _node.Children)
                {
                    if (entry.Key is YamlScalarNode key && key.Value is not null)
                    {
                        yield return new KeyValuePair<YamlScalarNode, YamlNode>(key, entry.Value);
                    }
                }
            }
        }

        public YamlNode? Get(string key) =>
            _node is not null && _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public YamlScalarNode? Scalar(string key) => Get(key) is YamlScalarNode scalar && !YamlScalars.IsNull(scalar) ? scalar : null;

        public string? String(string key) => Scalar(key)?.Value;

        public long? Integer(string key) => Scalar(key) is { } s && YamlScalars.TryInteger(s, out var v) ? v : (long?)null;

        public int? Int32(string key)
        {
            var value = Integer(key);
            return value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : (int?)null;
        }

        public decimal? Number(string key) => Scalar(key) is { } s && YamlScalars.TryNumber(s, out var v) ? v : (decimal?)null;

        public bool? Boolean(string key) => Scalar(key) is { } s && YamlScalars.TryBoolean(s, out var v) ? v : (bool?)null;

        public IReadOnlyList<YamlScalarNode> Strings(string key)
        {
            var result = new List<YamlScalarNode>();
            if (Get(key) is YamlSequenceNode sequence)
            {
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode scalar && !YamlScalars.IsNull(scalar))
                    {
                        result.Add(scalar);
                    }
                }
            }

            return result;
        }

        /// <summary>The node of a key, for pointing a diagnostic at the value; falls back to the mapping itself.</summary>
        public YamlNode At(string key) => Get(key) ?? (YamlNode?)_node ?? new YamlScalarNode(string.Empty);

        /// <summary>The key node itself, for errors about the key (a duplicate, an unknown reference).</summary>
        public YamlNode KeyNode(string key)
        {
            if (_node is not null)
            {
                foreach (var entry in _node.Children)
                {
                    if (entry.Key is YamlScalarNode k && k.Value == key)
                    {
                        return k;
                    }
                }
            }

            return At(key);
        }
    }
}

using System.Linq;
using System.Text.RegularExpressions;
using FluxSpecs.Generator.Cards.Grammar;
using FluxSpecs.Generator.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// Checks a card's YAML against <see cref="CardGrammar"/>: unknown keys, missing keys, wrong value types and words
    /// outside a vocabulary. Meaning (ranges, references between parameters) is the binder's job.
    /// </summary>
    internal sealed class CardShapeChecker
    {
        /// <summary>
        /// Anchors and aliases let a small file name the same node many times; a walk that follows them could take
        /// exponential time (an "alias bomb"). Real cards visit a few hundred nodes.
        /// </summary>
        public const int NodeBudget = 20000;

        private readonly DiagnosticBag _diagnostics;
        private int _visited;

        public CardShapeChecker(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

        /// <summary>Checks the card; returns false when the walk stopped because the card is too large to check.</summary>
        public bool Check(YamlNode root)
        {
            Check(root, CardGrammar.Card, "the card", root);
            return _visited <= NodeBudget;
        }

        private void Check(YamlNode node, Rule rule, string path, YamlNode owner)
        {
            if (++_visited > NodeBudget)
            {
                if (_visited == NodeBudget + 1)
                {
                    _diagnostics.Add(CardError.CardTooComplex, node, "the card expands to more than " + NodeBudget.ToString(System.Globalization.CultureInfo.InvariantCulture) + " YAML nodes (check anchors and aliases)");
                }

                return;
            }

            switch (rule)
            {
                case OneOfRule oneOf:
                    var chosen = oneOf.Alternatives.FirstOrDefault(a => Fits(node, a));
                    if (chosen is null)
                    {
                        WrongType(node, path, oneOf.Expected);
                    }
                    else
                    {
                        Check(node, chosen, path, owner);
                    }

                    break;
                case ScalarRule scalar:
                    CheckScalar(node, scalar, path);
                    break;
                case SequenceRule sequence:
                    if (node is YamlSequenceNode items)
                    {
                        for (var i = 0; i < items.Children.Count; i++)
                        {
                            Check(items.Children[i], sequence.Items, path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", items.Children[i]);
                        }
                    }
                    else
                    {
                        WrongType(node, path, sequence.Expected);
                    }

                    break;
                case MappingRule mapping:
                    CheckMapping(node, mapping, path, owner);
                    break;
            }
        }

        private void CheckMapping(YamlNode node, MappingRule rule, string path, YamlNode owner)
        {
            if (node is not YamlMappingNode map)
            {
                WrongType(node, path, rule.Expected);
                return;
            }

            foreach (var entry in map.Children)
            {
                if (entry.Key is not YamlScalarNode keyNode || keyNode.Value is null)
                {
                    WrongType(entry.Key, path, "a mapping with plain keys");
                    continue;
                }

                var key = keyNode.Value;
                var childPath = path == "the card" ? key : path + "." + key;
                if (rule.AnyKey is not null)
                {
                    if (rule.KeyPattern is not null && !Regex.IsMatch(key, rule.KeyPattern))
                    {
                        _diagnostics.Add(CardError.InvalidValue, keyNode, path, key, "a key here must be " + rule.KeyPatternText);
                    }

                    Check(entry.Value, rule.AnyKey, childPath, keyNode);
                    continue;
                }

                var keyRule = rule.Find(key);
                if (keyRule is null)
                {
                    _diagnostics.Add(CardError.UnknownKey, keyNode, key, path, string.Join(", ", rule.Keys.Select(k => k.Name)));
                    continue;
                }

                Check(entry.Value, keyRule.Value, childPath, keyNode);
            }

            foreach (var required in rule.Keys.Where(k => k.Required))
            {
                if (!map.Children.ContainsKey(new YamlScalarNode(required.Name)))
                {
                    _diagnostics.Add(CardError.MissingKey, owner, path, required.Name);
                }
            }
        }

        private void CheckScalar(YamlNode node, ScalarRule rule, string path)
        {
            if (node is not YamlScalarNode scalar)
            {
                WrongType(node, path, rule.Expected);
                return;
            }

            var ok = rule.Kind switch
            {
                ScalarKind.Any => !YamlScalars.IsNull(scalar),
                ScalarKind.String => !YamlScalars.IsNull(scalar) && (rule.Pattern is null || Regex.IsMatch(scalar.Value, rule.Pattern)),
                ScalarKind.Integer => YamlScalars.TryInteger(scalar, out _),
                ScalarKind.Number => YamlScalars.TryNumber(scalar, out _),
                ScalarKind.Boolean => YamlScalars.TryBoolean(scalar, out _),
                ScalarKind.Keyword => scalar.Value is not null && rule.Words.Contains(scalar.Value),
                ScalarKind.Null => YamlScalars.IsNull(scalar),
                _ => true,
            };

            if (!ok)
            {
                _diagnostics.Add(rule.ErrorId, scalar, path, rule.Expected, YamlScalars.Describe(scalar));
            }
        }

        private void WrongType(YamlNode node, string path, string expected) =>
            _diagnostics.Add(CardError.WrongType, node, path, expected, YamlScalars.Describe(node));

        private static bool Fits(YamlNode node, Rule rule) => rule switch
        {
            ScalarRule { Kind: ScalarKind.Null } => node is YamlScalarNode scalar && YamlScalars.IsNull(scalar),
            ScalarRule => node is YamlScalarNode,
            SequenceRule => node is YamlSequenceNode,
            MappingRule => node is YamlMappingNode,
            OneOfRule oneOf => oneOf.Alternatives.Any(a => Fits(node, a)),
            _ => false,
        };
    }
}

using System.Collections.Generic;
using System.Linq;

namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>
    /// A YAML mapping: either a record with a fixed set of keys (<see cref="Keys"/>), or a dictionary whose keys are
    /// names chosen by the card author (<see cref="AnyKey"/>, with keys matching <see cref="KeyPattern"/>).
    /// </summary>
    internal sealed class MappingRule : Rule
    {
        private MappingRule(string what, string? description, IReadOnlyList<KeyRule> keys, Rule? anyKey, string? keyPattern, string? keyPatternText)
            : base("a mapping", description)
        {
            What = what;
            Keys = keys;
            AnyKey = anyKey;
            KeyPattern = keyPattern;
            KeyPatternText = keyPatternText;
        }

        /// <summary>How messages name a node of this kind: "a parameter", "the pricing".</summary>
        public string What { get; }

        public IReadOnlyList<KeyRule> Keys { get; }

        public Rule? AnyKey { get; }

        public string? KeyPattern { get; }

        public string? KeyPatternText { get; }

        public static MappingRule Record(string what, string? description, params KeyRule[] keys) =>
            new MappingRule(what, description, keys, null, null, null);

        public static MappingRule Dictionary(string what, string? description, Rule values, string? keyPattern = null, string? keyPatternText = null) =>
            new MappingRule(what, description, new KeyRule[0], values, keyPattern, keyPatternText);

        public KeyRule? Find(string key) => Keys.FirstOrDefault(k => k.Name == key);
    }
}

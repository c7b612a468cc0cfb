namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>
    /// One node of the card grammar: what a YAML node at some place in a card may be. The grammar is data, so the
    /// same tree drives the shape check (unknown keys, wrong types) and the JSON Schema that editors use.
    /// </summary>
    internal abstract class Rule
    {
        protected Rule(string expected, string? description)
        {
            Expected = expected;
            Description = description;
        }

        /// <summary>What the rule wants, phrased for a message: "an integer", "one of: up, down".</summary>
        public string Expected { get; }

        /// <summary>Documentation for the schema and for readers of the grammar.</summary>
        public string? Description { get; }
    }
}

namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>A YAML sequence whose items all follow one rule.</summary>
    internal sealed class SequenceRule : Rule
    {
        public SequenceRule(Rule items, string? description = null)
            : base("a list", description)
        {
            Items = items;
        }

        public Rule Items { get; }
    }
}

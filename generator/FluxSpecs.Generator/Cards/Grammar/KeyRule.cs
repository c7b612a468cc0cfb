namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>One key a mapping may have.</summary>
    internal sealed class KeyRule
    {
        public KeyRule(string name, Rule value, bool required = false)
        {
            Name = name;
            Value = value;
            Required = required;
        }

        public string Name { get; }

        public Rule Value { get; }

        public bool Required { get; }
    }
}

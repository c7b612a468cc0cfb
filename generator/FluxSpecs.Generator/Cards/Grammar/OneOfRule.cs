using System.Collections.Generic;
using System.Linq;

namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>
    /// A node that may take one of several forms, told apart by the YAML node's kind (scalar, sequence, mapping), such
    /// as an enum value written as <c>"1:1"</c> or as <c>{ value: "1:1", name: Square }</c>.
    /// </summary>
    internal sealed class OneOfRule : Rule
    {
        public OneOfRule(string? description, params Rule[] alternatives)
            : base(string.Join(" or ", alternatives.Select(a => a.Expected)), description)
        {
            Alternatives = alternatives;
        }

        public IReadOnlyList<Rule> Alternatives { get; }
    }
}

namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>The scalar types a card key can hold.</summary>
    internal enum ScalarKind
    {
        /// <summary>Any scalar; the binder checks it against something the grammar cannot see (a parameter's type).</summary>
        Any,
        String,
        Integer,
        Number,
        Boolean,
        /// <summary>One word from a closed list (<see cref="ScalarRule.Words"/>).</summary>
        Keyword,
        /// <summary>An empty value (<c>~</c> or <c>null</c>), meaning "nothing" where a rule allows it.</summary>
        Null,
    }
}

namespace FluxSpecs.Generator.Model
{
    /// <summary>A card that passed every check, with the namespace its code goes into.</summary>
    internal sealed record EmitSpec(ModelCard Card, string Namespace, string FilePath)
    {
        public string RequestTypeName => Card.TypePrefix + "Request";

        public string ModelTypeName => Card.TypePrefix + "Model";

        public string WireValuesTypeName => Card.TypePrefix + "WireValues";
    }
}

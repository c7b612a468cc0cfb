namespace FluxSpecs.Generator.Model
{
    /// <summary>Several model parameters written as other provider fields by one named conversion.</summary>
    internal sealed record Combination(CombineConversion Convert, EquatableArray<string> From, EquatableArray<string> Into, long? MultipleOf);
}

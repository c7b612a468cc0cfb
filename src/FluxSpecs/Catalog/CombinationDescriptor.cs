namespace FluxSpecs.Catalog;

/// <summary>Several model parameters written as other provider fields by a named conversion.</summary>
public sealed record CombinationDescriptor(CombineConversion Convert, IReadOnlyList<string> From, IReadOnlyList<string> Into, long? MultipleOf = null);

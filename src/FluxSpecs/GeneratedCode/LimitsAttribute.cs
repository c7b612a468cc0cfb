using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The model's value rules for a card parameter (its card's <c>min</c>, <c>max</c>, <c>multiple_of</c>,
/// <c>rounding</c>, <c>min_length</c>, <c>max_length</c>, <c>max_items</c>): what any provider accepts. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class LimitsAttribute : ValueLimitsAttribute
{
}

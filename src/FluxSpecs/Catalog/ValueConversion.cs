namespace FluxSpecs.Catalog;

/// <summary>A conversion of one value on its way to a provider (a card's <c>parameters.x.convert</c>).</summary>
public enum ValueConversion
{
    /// <summary><c>to_string</c>: a number sent as a JSON string.</summary>
    ToText,
}

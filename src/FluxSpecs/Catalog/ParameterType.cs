namespace FluxSpecs.Catalog;

/// <summary>The value type of a card parameter (the card's <c>type</c>).</summary>
public enum ParameterType
{
    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>integer</c>.</summary>
    Integer,

    /// <summary><c>number</c>.</summary>
    Number,

    /// <summary><c>boolean</c>.</summary>
    Boolean,

    /// <summary><c>enum</c>: one of a list of strings.</summary>
    Enum,

    /// <summary><c>enum_list</c>: several of a list of strings.</summary>
    EnumList,

    /// <summary><c>image_list</c>: reference images.</summary>
    ImageList,
}

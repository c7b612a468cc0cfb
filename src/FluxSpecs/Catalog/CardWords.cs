namespace FluxSpecs.Catalog;

/// <summary>The words a card spells the catalog's vocabulary with (<see cref="ImageEncodingKind.DataUri"/> is <c>data_uri</c>), for output people read.</summary>
public static class CardWords
{
    /// <summary><c>usd</c> or <c>credits</c>.</summary>
    public static string ToCardWord(this PricingUnit unit) => unit == PricingUnit.Credits ? "credits" : "usd";

    /// <summary><c>url</c>, <c>base64</c>, <c>data_uri</c> or <c>file</c>.</summary>
    public static string ToCardWord(this ImageEncodingKind encoding) => encoding switch
    {
        ImageEncodingKind.Base64 => "base64",
        ImageEncodingKind.DataUri => "data_uri",
        ImageEncodingKind.File => "file",
        _ => "url",
    };

    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>enum</c>, <c>enum_list</c> or <c>image_list</c>.</summary>
    public static string ToCardWord(this ParameterType type) => type switch
    {
        ParameterType.Integer => "integer",
        ParameterType.Number => "number",
        ParameterType.Boolean => "boolean",
        ParameterType.Enum => "enum",
        ParameterType.EnumList => "enum_list",
        ParameterType.ImageList => "image_list",
        _ => "string",
    };

    /// <summary><c>to_string</c>.</summary>
    public static string ToCardWord(this ValueConversion conversion) => conversion == ValueConversion.ToText ? "to_string" : conversion.ToString();

    /// <summary><c>size_string</c>, <c>aspect_ratio_to_size</c> or <c>fal_image_size</c>.</summary>
    public static string ToCardWord(this CombineConversion conversion) => conversion switch
    {
        CombineConversion.SizeString => "size_string",
        CombineConversion.AspectRatioToSize => "aspect_ratio_to_size",
        _ => "fal_image_size",
    };
}

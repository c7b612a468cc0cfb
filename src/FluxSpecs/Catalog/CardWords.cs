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

    /// <summary><c>size_string</c>, <c>aspect_ratio_to_size</c> or <c>fal_image_size</c>.</summary>
    public static string ToCardWord(this CombineConversion conversion) => conversion switch
    {
        CombineConversion.SizeString => "size_string",
        CombineConversion.AspectRatioToSize => "aspect_ratio_to_size",
        _ => "fal_image_size",
    };
}

namespace FluxSpecs.Catalog;

/// <summary>A conversion of several parameters into other fields (a card's <c>combine[].convert</c>).</summary>
public enum CombineConversion
{
    /// <summary><c>size_string</c>: width and height → <c>"WxH"</c>.</summary>
    SizeString,

    /// <summary><c>aspect_ratio_to_size</c>: aspect ratio and resolution (or width and height) → width and height.</summary>
    AspectRatioToSize,

    /// <summary><c>fal_image_size</c>: aspect ratio and size → fal's <c>image_size</c> preset or object.</summary>
    FalImageSize,
}

namespace FluxSpecs.Catalog;

/// <summary>How a provider takes a list of images.</summary>
public enum ImageShape
{
    /// <summary><c>array</c>: one field holding a list.</summary>
    Array,

    /// <summary><c>indexed</c>: one field per image (<c>input_image</c>, <c>input_image_2</c> …).</summary>
    Indexed,
}

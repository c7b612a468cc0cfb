namespace FluxSpecs.Catalog;

/// <summary>How megapixels are counted for a per-megapixel price.</summary>
public enum MegapixelRounding
{
    /// <summary>Each started megapixel is billed whole.</summary>
    Up,

    /// <summary>Billed exactly.</summary>
    None,
}

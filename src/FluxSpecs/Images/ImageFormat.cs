namespace FluxSpecs.Images;

/// <summary>Image formats the cards and providers name.</summary>
public enum ImageFormat
{
    /// <summary>JPEG.</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>GIF.</summary>
    Gif,

    /// <summary>WebP.</summary>
    Webp,

    /// <summary>AVIF.</summary>
    Avif,

    /// <summary>BMP; no provider accepts it, but it is recognized so that a clear error can name it.</summary>
    Bmp,

    /// <summary>TIFF; recognized for the same reason as <see cref="Bmp"/>.</summary>
    Tiff,
}

namespace FluxSpecs.Images;

/// <summary>Where an <see cref="ImageInput"/>'s bytes come from.</summary>
public enum ImageSourceKind
{
    /// <summary>An http(s) URL the provider fetches (or the client downloads, for providers that want bytes).</summary>
    Url,

    /// <summary>A local file, read when the request is sent.</summary>
    File,

    /// <summary>Bytes in memory, including those of a <c>data:</c> URI.</summary>
    Bytes,
}

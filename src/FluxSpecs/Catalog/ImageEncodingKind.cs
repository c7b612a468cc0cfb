namespace FluxSpecs.Catalog;

/// <summary>How a provider takes each image.</summary>
public enum ImageEncodingKind
{
    /// <summary><c>url</c>: a URL it downloads.</summary>
    Url,

    /// <summary><c>base64</c>: the bytes as raw base64.</summary>
    Base64,

    /// <summary><c>data_uri</c>: the bytes as a <c>data:</c> URI.</summary>
    DataUri,

    /// <summary><c>file</c>: a multipart file part.</summary>
    File,
}

using System.Globalization;

namespace FluxSpecs.Images;

/// <summary>
/// A reference image for a request: a URL, a local file, or bytes (a <c>data:</c> URI is read into bytes). Providers
/// want images in different encodings (URL, base64, data URI, multipart file); the provider's mapper converts.
/// </summary>
/// <remarks>
/// A string converts implicitly: <c>http(s)://…</c> is a URL (other schemes are rejected), <c>data:…</c> a data URI,
/// anything else a file path.
/// </remarks>
public sealed class ImageInput : IEquatable<ImageInput>
{
    private ImageInput(ImageSourceKind kind, Uri? url, string? filePath, ReadOnlyMemory<byte> data, ImageFormat? format, ImageFormat? declared)
    {
        Kind = kind;
        Url = url;
        FilePath = filePath;
        Data = data;
        Format = format;
        DeclaredFormat = declared;
    }

    /// <summary>Where the image comes from.</summary>
    public ImageSourceKind Kind { get; }

    /// <summary>The URL, when <see cref="Kind"/> is <see cref="ImageSourceKind.Url"/>.</summary>
    public Uri? Url { get; }

    /// <summary>The local path, when <see cref="Kind"/> is <see cref="ImageSourceKind.File"/>.</summary>
    public string? FilePath { get; }

    /// <summary>The bytes, when <see cref="Kind"/> is <see cref="ImageSourceKind.Bytes"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>
    /// The format as far as it is known without I/O: sniffed from bytes, or taken from a media type or a file
    /// extension. Null when unknown (a URL without an extension); validation then cannot check it.
    /// </summary>
    public ImageFormat? Format { get; }

    /// <summary>
    /// The format the image claims: the media type it was given with (a data URI's), or its file or URL extension.
    /// Null when it claims none. Before an image is sent its bytes must be of this format (<see cref="ImageContent"/>).
    /// </summary>
    public ImageFormat? DeclaredFormat { get; }

    /// <summary>An image the provider fetches from an absolute http or https URL.</summary>
    /// <exception cref="ArgumentException">The URL is not absolute http(s).</exception>
    public static ImageInput FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"An image URL must be absolute http or https, but is '{url}'.", nameof(url));
        }

        var format = ImageFormats.FromExtension(url.AbsolutePath);
        return new ImageInput(ImageSourceKind.Url, url, null, default, format, format);
    }

    /// <inheritdoc cref="FromUrl(Uri)"/>
    public static ImageInput FromUrl(string url) => FromUrl(new Uri(url, UriKind.RelativeOrAbsolute));

    /// <summary>A local image file, read when the request is sent.</summary>
    public static ImageInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = ImageFormats.FromExtension(path);
        return new ImageInput(ImageSourceKind.File, null, path, default, format, format);
    }

    /// <summary>
    /// Image bytes; the format is sniffed from them, or taken from <paramref name="mediaType"/> when they match none.
    /// Bytes that are no image, or not the one <paramref name="mediaType"/> names, are refused when a request is
    /// validated or sent.
    /// </summary>
    public static ImageInput FromBytes(ReadOnlyMemory<byte> data, string? mediaType = null)
    {
        var declared = ImageFormats.FromMediaType(mediaType);
        return new(ImageSourceKind.Bytes, null, null, data, ImageFormats.Sniff(data.Span) ?? declared, declared);
    }

    /// <summary>A <c>data:image/…;base64,…</c> URI.</summary>
    /// <exception cref="FormatException">The URI is not a base64 data URI.</exception>
    public static ImageInput FromDataUri(string dataUri)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        var comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        if (!dataUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0
            || !dataUri.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("An image data URI must look like 'data:image/png;base64,<data>'.");
        }

        var mediaType = dataUri[5..(comma - ";base64".Length)];
        return FromBytes(Convert.FromBase64String(dataUri[(comma + 1)..]), mediaType);
    }

    /// <summary>Reads a string as a URL (http/https), a data URI (<c>data:</c>) or a local file path.</summary>
    /// <exception cref="ArgumentException">The string has a scheme other than http or https.</exception>
    public static ImageInput Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        // Any "scheme://" goes to FromUrl, which names the problem for schemes other than http(s), rather than
        // silently becoming a file path that does not exist.
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return FromUrl(value);
        }

        return value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? FromDataUri(value) : FromFile(value);
    }

    /// <summary>Converts with <see cref="Parse(string)"/>.</summary>
    public static implicit operator ImageInput(string value) => Parse(value);

    /// <summary>Converts with <see cref="FromUrl(Uri)"/>.</summary>
    public static implicit operator ImageInput(Uri url) => FromUrl(url);

    /// <summary>A short description; bytes are summarized, never dumped.</summary>
    public override string ToString() => Kind switch
    {
        ImageSourceKind.Url => Url!.ToString(),
        ImageSourceKind.File => FilePath!,
        _ => string.Create(CultureInfo.InvariantCulture, $"<{Data.Length} bytes{(Format is { } f ? ", " + f.ToWireName() : "")}>"),
    };

    /// <inheritdoc />
    public bool Equals(ImageInput? other) =>
        other is not null && Kind == other.Kind && Equals(Url, other.Url) && FilePath == other.FilePath && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ImageInput);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Url, FilePath, Data.Length);
}

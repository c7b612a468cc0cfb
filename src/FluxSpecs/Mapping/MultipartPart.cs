using FluxSpecs.Images;

namespace FluxSpecs.Mapping;

/// <summary>One part of a multipart form: a text field, or a file (an image) with its file name and media type.</summary>
/// <remarks>
/// A file part holds the <see cref="ImageInput"/> itself, not its bytes: a local file is read when the form is sent,
/// so making a payload does no I/O for it.
/// </remarks>
public sealed class MultipartPart
{
    private MultipartPart(string name, string? value, bool secret, ImageInput? image, string? fileName, string? mediaType)
    {
        Name = name;
        IsSecret = secret;
        Value = value;
        Image = image;
        FileName = fileName;
        MediaType = mediaType;
    }

    /// <summary>The form field name (<c>prompt</c>, <c>image</c> …).</summary>
    public string Name { get; }

    /// <summary>The text of a text part; null for a file part.</summary>
    public string? Value { get; }

    /// <summary>The image of a file part; null for a text part.</summary>
    public ImageInput? Image { get; }

    /// <summary>The file name sent with a file part (<c>source.png</c>); null for a text part.</summary>
    public string? FileName { get; }

    /// <summary>The media type of a file part (<c>image/png</c>); null for a text part.</summary>
    public string? MediaType { get; }

    /// <summary>True for a text part whose value is a secret (never printed).</summary>
    public bool IsSecret { get; }

    /// <summary>The card parameter and list index the file part's image came from, for errors about it.</summary>
    internal (string Parameter, int Index)? Source { get; private init; }

    /// <summary>True for a file part.</summary>
    public bool IsFile => Image is not null;

    /// <summary>A text field; a <paramref name="secret"/> value is sent but never printed.</summary>
    public static MultipartPart Text(string name, string value, bool secret = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return new MultipartPart(name, value, secret, null, null, null);
    }

    /// <summary>A file field holding an image that is in memory or on disk (never a URL: the form carries bytes).</summary>
    /// <exception cref="ArgumentException">The image is a URL.</exception>
    public static MultipartPart File(string name, ImageInput image, string fileName, string mediaType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        if (image.Kind == ImageSourceKind.Url)
        {
            throw new ArgumentException("A multipart file part needs the image's bytes or a local file, not a URL.", nameof(image));
        }

        return new MultipartPart(name, null, false, image, fileName, mediaType);
    }

    /// <summary>A file part for the image at <paramref name="index"/> of the card parameter <paramref name="parameter"/>.</summary>
    internal static MultipartPart File(string name, ImageInput image, string fileName, string mediaType, string parameter, int index) =>
        new(name, null, false, image, fileName, mediaType) { Source = (parameter, index) };

    /// <summary><c>name=value</c>, or <c>name=@file (media type)</c> for a file; bytes and secrets are never printed.</summary>
    public override string ToString() => IsFile ? $"{Name}=@{FileName} ({MediaType})" : $"{Name}={(IsSecret ? "***" : Value)}";
}

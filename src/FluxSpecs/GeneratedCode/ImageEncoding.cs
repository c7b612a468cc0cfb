using FluxSpecs.Catalog;
using System.Buffers.Text;
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Mapping;
using FluxSpecs.Validation;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The card's image encodings (<c>images.encoding</c>): how one reference image is sent. Used by generated mappers.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>url</c>: a URL image as its URL (<see cref="Uri.AbsoluteUri"/>); a local file or bytes as a
/// <c>data:image/…;base64,…</c> URI, which the URL-taking providers accept.</item>
/// <item><c>base64</c>: the raw base64 of the image's bytes, without a <c>data:</c> prefix (Magnific).</item>
/// <item><c>data_uri</c>: <c>data:image/…;base64,…</c>.</item>
/// <item><c>file</c>: a multipart file part (Lumenfall's <c>/images/edits</c>).</item>
/// </list>
/// Written into a <see cref="JsonBody"/>, a local file or bytes are encoded when the payload is sent, a chunk at a time;
/// written into a bare <see cref="Utf8JsonWriter"/>, they are read and encoded at once. For <c>file</c>, a file is read
/// when the form is sent. Before an image is written, its bytes must be an image of the format it claims and at most
/// <see cref="ImageContent.MaxBytes"/>; a file must be readable (a file's first bytes are read to check it). Otherwise a
/// <see cref="RequestValidationException"/> names the image and nothing is sent. A URL image cannot become
/// bytes without a download, which a mapper does not do: where bytes are needed, it throws
/// <see cref="InvalidOperationException"/> naming the image, and the caller downloads the image and passes its bytes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ImageEncoding
{
    private const string OctetStream = "application/octet-stream";

    /// <summary>The field name of the image at <paramref name="index"/> in indexed fields: <c>input_image</c>, <c>input_image_2</c> …</summary>
    public static string IndexedField(string field, int index) =>
        index == 0 ? field : string.Create(CultureInfo.InvariantCulture, $"{field}_{index + 1}");

    /// <summary>Writes the image as a URL, or as a data URI when it is not a URL (<c>url</c>).</summary>
    /// <exception cref="RequestValidationException">The image's bytes are not the image it claims, too large, or unreadable.</exception>
    public static void WriteUrl(Utf8JsonWriter writer, ImageInput image, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(image);
        if (image.Kind == ImageSourceKind.Url)
        {
            writer.WriteStringValue(image.Url!.AbsoluteUri);
        }
        else
        {
            WriteAsDataUri(writer, image, parameter, index);
        }
    }

    /// <summary>Writes the image as a URL, or as a data URI encoded when the body is sent (<c>url</c>).</summary>
    /// <exception cref="RequestValidationException">The image's bytes are not the image it claims, too large, or unreadable.</exception>
    public static void WriteUrl(JsonBody body, ImageInput image, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(image);
        if (image.Kind == ImageSourceKind.Url)
        {
            body.Writer.WriteStringValue(image.Url!.AbsoluteUri);
        }
        else
        {
            WriteDeferred(body, image, parameter, index, dataUri: true);
        }
    }

    /// <summary>Writes the raw base64 of the image's bytes, encoded when the body is sent (<c>base64</c>).</summary>
    /// <exception cref="InvalidOperationException">The image is a URL; download it first.</exception>
    /// <exception cref="RequestValidationException">The image's bytes are not the image it claims, too large, or unreadable.</exception>
    public static void WriteBase64(JsonBody body, ImageInput image, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(body);
        RequireBytes(image, parameter, index, "base64");
        WriteDeferred(body, image, parameter, index, dataUri: false);
    }

    /// <summary>Writes the image as a <c>data:</c> URI, encoded when the body is sent (<c>data_uri</c>).</summary>
    /// <exception cref="InvalidOperationException">The image is a URL; download it first.</exception>
    /// <exception cref="RequestValidationException">The image's bytes are not the image it claims, too large, or unreadable.</exception>
    public static void WriteDataUri(JsonBody body, ImageInput image, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(body);
        RequireBytes(image, parameter, index, "a data URI");
        WriteDeferred(body, image, parameter, index, dataUri: true);
    }

    /// <summary>Writes the raw base64 of the image's bytes (<c>base64</c>).</summary>
    /// <exception cref="InvalidOperationException">The image is a URL; download it first.</exception>
    public static void WriteBase64(Utf8JsonWriter writer, ImageInput image, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        RequireBytes(image, parameter, index, "base64");
        writer.WriteBase64StringValue(ReadBytes(image, parameter, index).Span);
    }

    /// <summary>Writes the image as a <c>data:</c> URI (<c>data_uri</c>).</summary>
    /// <exception cref="InvalidOperationException">The image is a URL; download it first.</exception>
    public static void WriteDataUri(Utf8JsonWriter writer, ImageInput image, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        RequireBytes(image, parameter, index, "a data URI");
        WriteAsDataUri(writer, image, parameter, index);
    }

    /// <summary>The image as a multipart file part named <paramref name="name"/> (<c>file</c>).</summary>
    /// <remarks>A local file keeps its file name; bytes are named <c>{name}-{n}.{format}</c>.</remarks>
    /// <exception cref="InvalidOperationException">The image is a URL; download it first.</exception>
    public static MultipartPart ToFilePart(string name, ImageInput image, string parameter, int index)
    {
        RequireBytes(image, parameter, index, "a file upload");

        // A file is checked when it is opened for the form (OpenChecked), so that making the payload does no I/O.
        if (image.Kind == ImageSourceKind.Bytes)
        {
            Check(image, image.Data.Span, image.Data.Length, parameter, index);
        }

        var mediaType = image.Format?.ToMediaType() ?? OctetStream;
        var fileName = image.Kind == ImageSourceKind.File
            ? Path.GetFileName(image.FilePath!)
            : string.Create(CultureInfo.InvariantCulture, $"{name}-{index + 1}.{image.Format?.ToWireName() ?? "bin"}");
        return MultipartPart.File(name, image, fileName, mediaType, parameter, index);
    }

    /// <summary>The image as a multipart text value in <paramref name="encoding"/> (a URL, raw base64 or a data URI).</summary>
    /// <exception cref="InvalidOperationException">The encoding needs bytes and the image is a URL.</exception>
    public static string ToText(ImageInput image, ImageEncodingKind encoding, string parameter, int index)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (encoding == ImageEncodingKind.Url && image.Kind == ImageSourceKind.Url)
        {
            return image.Url!.AbsoluteUri;
        }

        if (encoding != ImageEncodingKind.Url)
        {
            RequireBytes(image, parameter, index, encoding.ToCardWord());
        }

        var bytes = ReadBytes(image, parameter, index);
        var base64 = Convert.ToBase64String(bytes.Span);
        return encoding == ImageEncodingKind.Base64 ? base64 : "data:" + MediaTypeOf(image, bytes) + ";base64," + base64;
    }

    private static void RequireBytes(ImageInput image, string parameter, int index, string encoding)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Kind == ImageSourceKind.Url)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{parameter}[{index}] is a URL ({image.Url}), but the provider takes the image itself ({encoding}). Download it and pass its bytes or a local file; payloads are made without network access."));
        }
    }

    /// <summary>The image's bytes (a file is read), checked to be the image it claims.</summary>
    private static ReadOnlyMemory<byte> ReadBytes(ImageInput image, string parameter, int index)
    {
        ReadOnlyMemory<byte> bytes;
        if (image.Kind == ImageSourceKind.File)
        {
            FileLength(image, parameter, index);
            try
            {
                bytes = File.ReadAllBytes(image.FilePath!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw Unreadable(image, parameter, index, e);
            }
        }
        else
        {
            bytes = image.Data;
        }

        Check(image, bytes.Span, bytes.Length, parameter, index);
        return bytes;
    }

    /// <summary>The size of an image file, refusing a file that is missing, unreadable or too large to read.</summary>
    private static long FileLength(ImageInput image, string parameter, int index)
    {
        long length;
        try
        {
            var info = new FileInfo(image.FilePath!);
            if (!info.Exists)
            {
                throw Invalid(parameter, index, image, ViolationRules.Readable, Directory.Exists(image.FilePath) ? "is a directory, not an image file" : "does not exist");
            }

            length = info.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(image, parameter, index, e);
        }

        if (length > ImageContent.MaxBytes)
        {
            throw Invalid(parameter, index, image, ViolationRules.MaxBytes, ImageContent.Problem(image.DeclaredFormat, default, length)!);
        }

        return length;
    }

    /// <summary>
    /// Opens an image file to be streamed into a multipart form, after checking its size and first bytes; the stream is
    /// at the start of the file.
    /// </summary>
    /// <exception cref="RequestValidationException">The file is missing, unreadable, too large, or not the image it claims.</exception>
    internal static FileStream OpenChecked(ImageInput image, string parameter, int index) =>
        OpenChecked(image, parameter, index, out _, out _);

    /// <summary>As <see cref="OpenChecked(ImageInput, string, int)"/>, also giving the file's size and the format its first bytes show.</summary>
    private static FileStream OpenChecked(ImageInput image, string parameter, int index, out long length, out ImageFormat? sniffed)
    {
        length = FileLength(image, parameter, index);
        FileStream stream;
        try
        {
            stream = File.OpenRead(image.FilePath!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(image, parameter, index, e);
        }

        try
        {
            var head = new byte[ImageContent.HeaderLength];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            Check(image, head.AsSpan(0, read), length, parameter, index);
            sniffed = ImageFormats.Sniff(head.AsSpan(0, read));
            stream.Position = 0;
            return stream;
        }
        catch (Exception e)
        {
            stream.Dispose();
            if (e is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(image, parameter, index, e);
            }

            throw;
        }
    }

    /// <summary>
    /// Writes an image whose base64 is made only when the body is sent. It is checked now, so that a bad image fails
    /// before anything is sent — bytes in memory whole, a file by its size and first bytes, read once — and that one
    /// look also gives the size the body needs and, for a data URI of a file whose name says no format, its media type.
    /// </summary>
    private static void WriteDeferred(JsonBody body, ImageInput image, string parameter, int index, bool dataUri)
    {
        long length;
        ImageFormat? sniffed;
        if (image.Kind == ImageSourceKind.File)
        {
            using var checkedFile = OpenChecked(image, parameter, index, out length, out sniffed);
        }
        else
        {
            Check(image, image.Data.Span, image.Data.Length, parameter, index);
            (length, sniffed) = (image.Data.Length, ImageFormats.Sniff(image.Data.Span));
        }

        var prefix = dataUri ? "data:" + ((image.Format ?? sniffed)?.ToMediaType() ?? OctetStream) + ";base64," : string.Empty;
        body.WriteImage(image, prefix, length);
    }

    private static void Check(ImageInput image, ReadOnlySpan<byte> head, long length, string parameter, int index)
    {
        if (ImageContent.Problem(image.DeclaredFormat, head, length) is { } problem)
        {
            throw Invalid(parameter, index, image, length > ImageContent.MaxBytes ? ViolationRules.MaxBytes : ViolationRules.Content, problem);
        }
    }

    private static RequestValidationException Unreadable(ImageInput image, string parameter, int index, Exception e) =>
        Invalid(parameter, index, image, ViolationRules.Readable, $"cannot be read ({e.GetType().Name}: {e.Message})");

    private static RequestValidationException Invalid(string parameter, int index, ImageInput image, string rule, string problem)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{parameter}[{index}]");
        return new RequestValidationException([new Violation(name, image.ToString(), rule, $"{name} {problem} ({image}).")]);
    }

    /// <summary>The known format's media type; a file with an unknown extension is sniffed from its bytes.</summary>
    private static string MediaTypeOf(ImageInput image, ReadOnlyMemory<byte> bytes) =>
        (image.Format ?? ImageFormats.Sniff(bytes.Span))?.ToMediaType() ?? OctetStream;

    /// <summary>Writes <c>data:{mediaType};base64,{bytes}</c> as one JSON string from a pooled buffer, without a string copy of the image.</summary>
    private static void WriteAsDataUri(Utf8JsonWriter writer, ImageInput image, string parameter, int index)
    {
        var bytes = ReadBytes(image, parameter, index);
        var prefix = "data:" + MediaTypeOf(image, bytes) + ";base64,";
        var length = prefix.Length + Base64.GetMaxEncodedToUtf8Length(bytes.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.ASCII.GetBytes(prefix, buffer);
            Base64.EncodeToUtf8(bytes.Span, buffer.AsSpan(written), out _, out var encoded);
            writer.WriteStringValue(buffer.AsSpan(0, written + encoded));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Text;
using System.Text.Json;
using FluxSpecs.GeneratedCode;

namespace FluxSpecs.Tests.Conversions;

/// <summary>The card's image encodings: url, base64, data_uri and file.</summary>
public sealed class ImageEncodingTests
{
    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Indexed_fields_are_input_image_then_input_image_2_onwards()
    {
        Assert.Equal(["input_image", "input_image_2", "input_image_8"], new[] { 0, 1, 7 }.Select(i => ImageEncoding.IndexedField("input_image", i)));
    }

    [Fact]
    public void A_url_is_written_as_its_url_and_bytes_as_a_data_uri()
    {
        var bytes = SampleRequests.PngBytes;

        Assert.Equal("\"https://images.example.com/a%20b.png\"", Written(w => ImageEncoding.WriteUrl(w, ImageInput.FromUrl("https://images.example.com/a b.png"), "input_images", 0)));
        Assert.Equal($"\"data:image/png;base64,{Convert.ToBase64String(bytes)}\"", Written(w => ImageEncoding.WriteUrl(w, ImageInput.FromBytes(bytes), "input_images", 0)));
    }

    [Fact]
    public void Base64_is_raw_and_unescaped_even_with_plus_and_slash()
    {
        // A PNG signature, padded to a multiple of 3 bytes, then bytes whose base64 is "++//".
        byte[] bytes = [.. SampleRequests.PngBytes, 0, 0, 0xFB, 0xEF, 0xFF];
        var base64 = Convert.ToBase64String(bytes);
        Assert.EndsWith("++//", base64, StringComparison.Ordinal);

        Assert.Equal($"\"{base64}\"", Written(w => ImageEncoding.WriteBase64(w, ImageInput.FromBytes(bytes), "input_images", 0)));
        Assert.Equal($"\"data:image/png;base64,{base64}\"", Written(w => ImageEncoding.WriteDataUri(w, ImageInput.FromBytes(bytes), "input_images", 0)));
    }

    [Fact]
    public void A_file_with_an_unknown_extension_is_sniffed_for_its_media_type()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxspecs-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, SampleRequests.JpegBytes);
        try
        {
            Assert.Equal(
                $"\"data:image/jpeg;base64,{Convert.ToBase64String(SampleRequests.JpegBytes)}\"",
                Written(w => ImageEncoding.WriteUrl(w, ImageInput.FromFile(path), "input_images", 0)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_part_keeps_the_file_name_and_names_bytes_after_the_field()
    {
        var file = ImageEncoding.ToFilePart("image", ImageInput.FromFile("/photos/source.png"), "input_images", 0);
        var bytes = ImageEncoding.ToFilePart("image", ImageInput.FromBytes(SampleRequests.JpegBytes), "input_images", 1);

        Assert.Equal(("source.png", "image/png"), (file.FileName, file.MediaType));
        Assert.Equal(("image-2.jpeg", "image/jpeg"), (bytes.FileName, bytes.MediaType));
        Assert.Equal("image=@image-2.jpeg (image/jpeg)", bytes.ToString());
    }

    [Fact]
    public void Text_forms_for_a_multipart_field()
    {
        var png = ImageInput.FromBytes(SampleRequests.PngBytes);
        var base64 = Convert.ToBase64String(SampleRequests.PngBytes);

        Assert.Equal("https://images.example.com/a.png", ImageEncoding.ToText("https://images.example.com/a.png", FluxSpecs.Catalog.ImageEncodingKind.Url, "input_images", 0));
        Assert.Equal("data:image/png;base64," + base64, ImageEncoding.ToText(png, FluxSpecs.Catalog.ImageEncodingKind.Url, "input_images", 0));
        Assert.Equal(base64, ImageEncoding.ToText(png, FluxSpecs.Catalog.ImageEncodingKind.Base64, "input_images", 0));
        Assert.Equal("data:image/png;base64," + base64, ImageEncoding.ToText(png, FluxSpecs.Catalog.ImageEncodingKind.DataUri, "input_images", 0));
    }

    [Theory]
    [InlineData("base64")]
    [InlineData("data_uri")]
    [InlineData("file")]
    public void Encodings_that_need_bytes_refuse_a_url_and_name_the_image(string encoding)
    {
        ImageInput url = "https://images.example.com/a.png";

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            switch (encoding)
            {
                case "base64":
                    Written(w => ImageEncoding.WriteBase64(w, url, "input_images", 3));
                    break;
                case "data_uri":
                    Written(w => ImageEncoding.WriteDataUri(w, url, "input_images", 3));
                    break;
                default:
                    ImageEncoding.ToFilePart("image", url, "input_images", 3);
                    break;
            }
        });

        Assert.StartsWith("input_images[3] is a URL (https://images.example.com/a.png)", error.Message, StringComparison.Ordinal);
    }
}

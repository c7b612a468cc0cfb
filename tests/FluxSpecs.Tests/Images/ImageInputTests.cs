namespace FluxSpecs.Tests.Images;

/// <summary>How strings become reference images: URLs, data URIs and file paths, and the format each reveals.</summary>
public sealed class ImageInputTests
{
    [Theory]
    [InlineData("https://images.example.com/cat.png", ImageFormat.Png)]
    [InlineData("http://images.example.com/photos/dog.JPG", ImageFormat.Jpeg)]
    [InlineData("https://images.example.com/a.jpeg?signature=abc.gif", ImageFormat.Jpeg)]
    [InlineData("HTTPS://IMAGES.EXAMPLE.COM/ANIM.GIF", ImageFormat.Gif)]
    [InlineData("https://images.example.com/scan.bmp", ImageFormat.Bmp)]
    public void An_http_url_is_a_url_whose_format_comes_from_its_path(string value, ImageFormat format)
    {
        var image = ImageInput.Parse(value);

        Assert.Equal(ImageSourceKind.Url, image.Kind);
        Assert.Equal(new Uri(value), image.Url);
        Assert.Null(image.FilePath);
        Assert.Equal(format, image.Format);
    }

    [Fact]
    public void A_url_without_an_extension_has_an_unknown_format()
    {
        var image = ImageInput.Parse("https://images.example.com/render?id=42");

        Assert.Equal(ImageSourceKind.Url, image.Kind);
        Assert.Null(image.Format);
    }

    [Fact]
    public void A_data_uri_holds_its_bytes_and_the_format_is_sniffed_from_them()
    {
        var image = ImageInput.Parse(SampleRequests.DataUri("image/png", SampleRequests.PngBytes));

        Assert.Equal(ImageSourceKind.Bytes, image.Kind);
        Assert.Equal(ImageFormat.Png, image.Format);
        Assert.Equal(SampleRequests.PngBytes, image.Data.ToArray());
        Assert.Null(image.Url);
    }

    [Fact]
    public void The_bytes_win_over_the_media_type_of_a_data_uri()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageInput.Parse(SampleRequests.DataUri("image/png", SampleRequests.JpegBytes)).Format);
        Assert.Equal(ImageFormat.Bmp, ImageInput.Parse(SampleRequests.DataUri("image/jpeg", SampleRequests.BmpBytes)).Format);
    }

    [Fact]
    public void The_media_type_is_used_when_the_bytes_match_no_signature()
    {
        var image = ImageInput.Parse(SampleRequests.DataUri("image/webp", [1, 2, 3, 4]));

        Assert.Equal(ImageFormat.Webp, image.Format);
    }

    [Fact]
    public void A_data_uri_that_is_not_base64_is_rejected()
    {
        var exception = Assert.Throws<FormatException>(() => ImageInput.Parse("data:image/png,iVBORw0KGgo"));

        Assert.Contains("data:image/png;base64,", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("photos/cat.webp", ImageFormat.Webp)]
    [InlineData("/tmp/scan.TIFF", ImageFormat.Tiff)]
    [InlineData("C:\\images\\portrait.jpg", ImageFormat.Jpeg)]
    public void Anything_else_is_a_file_whose_format_comes_from_its_extension(string path, ImageFormat format)
    {
        var image = ImageInput.Parse(path);

        Assert.Equal(ImageSourceKind.File, image.Kind);
        Assert.Equal(path, image.FilePath);
        Assert.Equal(format, image.Format);
        Assert.Equal(path, image.ToString());
    }

    [Fact]
    public void A_file_without_a_known_extension_has_an_unknown_format()
    {
        Assert.Null(ImageInput.Parse("photos/cat").Format);
        Assert.Null(ImageInput.Parse("photos/cat.heic").Format);
    }

    [Fact]
    public void Strings_convert_implicitly()
    {
        ImageInput url = "https://images.example.com/cat.png";
        ImageInput file = "cat.png";

        Assert.Equal(ImageSourceKind.Url, url.Kind);
        Assert.Equal(ImageSourceKind.File, file.Kind);
    }

    [Theory]
    [InlineData("ftp://files.example.com/cat.png")]
    [InlineData("file:///tmp/cat.png")]
    [InlineData("/relative/cat.png")]
    public void A_url_that_is_not_absolute_http_is_rejected_with_a_clear_message(string url)
    {
        var exception = Assert.Throws<ArgumentException>(() => ImageInput.FromUrl(url));

        Assert.Equal("url", exception.ParamName);
        Assert.Contains("must be absolute http or https", exception.Message, StringComparison.Ordinal);
        Assert.Contains(url, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_a_string_with_another_scheme_is_rejected_rather_than_read_as_a_file_path()
    {
        var exception = Assert.Throws<ArgumentException>(() => ImageInput.Parse("ftp://files.example.com/cat.png"));

        Assert.Contains("must be absolute http or https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_http_uri_does_not_convert_to_an_image()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            ImageInput image = new Uri("ftp://files.example.com/cat.png");
            return image;
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_string_is_rejected(string value)
    {
        Assert.Throws<ArgumentException>(() => ImageInput.Parse(value));
    }

    [Fact]
    public void Bytes_print_as_a_summary_and_never_as_their_content()
    {
        var image = ImageInput.FromBytes(SampleRequests.PngBytes);

        Assert.Equal("<16 bytes, png>", image.ToString());
        Assert.Equal("<3 bytes>", ImageInput.FromBytes(new byte[] { 1, 2, 3 }).ToString());
    }

    [Fact]
    public void Images_from_the_same_source_are_equal()
    {
        Assert.Equal(ImageInput.Parse("https://images.example.com/cat.png"), ImageInput.Parse("https://images.example.com/cat.png"));
        Assert.Equal(ImageInput.FromBytes(SampleRequests.PngBytes), ImageInput.FromBytes(SampleRequests.PngBytes.ToArray()));
        Assert.NotEqual(ImageInput.Parse("https://images.example.com/cat.png"), ImageInput.Parse("cat.png"));
    }
}

using FluxSpecs.Images;

namespace FluxSpecs.OfficialClients.Tests.Infrastructure;

/// <summary>An image a client script received and saved: <c>{file, bytes, mediaType}</c>.</summary>
internal static class DownloadedImage
{
    /// <summary>Asserts that the saved image is a real <paramref name="format"/> image of the given size.</summary>
    public static void AssertIs(JsonNode? image, ImageFormat format, int width, int height)
    {
        Assert.NotNull(image);
        var bytes = File.ReadAllBytes(image["file"]!.GetValue<string>());
        Assert.Equal(bytes.Length, image["bytes"]!.GetValue<int>());
        Assert.Equal(format, ImageFormats.Sniff(bytes));
        Assert.Equal(new ImageSize(width, height), ImageDimensions.Read(bytes));
    }
}

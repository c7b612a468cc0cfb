using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests;

/// <summary>Requests the tests start from: each is valid for the model, so a test changes only what it is about.</summary>
internal static class SampleRequests
{
    /// <summary>A FLUX.2 [pro] request that sets every model parameter to a valid value (with a custom size).</summary>
    public static Flux2ProRequest ValidPro() => new()
    {
        Prompt = "A lighthouse on a cliff at dusk, oil painting",
        InputImages = Images(8),
        AspectRatio = Flux2ProAspectRatio.Custom,
        Width = 1024,
        Height = 768,
        Seed = 42,
        SafetyTolerance = 2,
        OutputFormat = Flux2ProOutputFormat.Png,
        OutputQuality = 90,
        PromptUpsampling = false,
    };

    /// <summary>A FLUX.2 [pro] request with only a prompt.</summary>
    public static Flux2ProRequest MinimalPro() => new() { Prompt = "A red fox in the snow" };

    /// <summary><paramref name="count"/> reference images as https URLs, alternating .png and .jpg.</summary>
    public static ImageInput[] Images(int count) =>
        [.. Enumerable.Range(1, count).Select(i => ImageInput.Parse($"https://images.example.com/ref-{i}.{(i % 2 == 0 ? "jpg" : "png")}"))];

    /// <summary>Bytes that start with the BMP signature.</summary>
    public static byte[] BmpBytes => [(byte)'B', (byte)'M', 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0];

    /// <summary>Bytes that start with the PNG signature.</summary>
    public static byte[] PngBytes => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    /// <summary>Bytes that start with the JPEG signature.</summary>
    public static byte[] JpegBytes => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];

    /// <summary>A base64 data URI holding <paramref name="bytes"/>.</summary>
    public static string DataUri(string mediaType, byte[] bytes) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";
}

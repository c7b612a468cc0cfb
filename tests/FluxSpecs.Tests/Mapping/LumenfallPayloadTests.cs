using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Lumenfall (seed 004; providers.md, "Lumenfall"): OpenAI-compatible. Without images, JSON to
/// <c>/openai/v1/images/generations</c> with <c>model</c> in the body; with images, a multipart form to
/// <c>/images/edits</c> with one <c>image</c> file part per image. A custom size is <c>size</c> <c>"WxH"</c>, which
/// wins over <c>aspect_ratio</c>; ratios and the 1K tier are sent as <c>aspect_ratio</c> / <c>resolution</c>.
/// </summary>
public sealed class LumenfallPayloadTests
{
    [Fact]
    public void A_custom_size_is_a_wxh_size_string_and_no_aspect_ratio()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1024, Height = 768 };

        var payload = request.CreatePayload(ProviderIds.Lumenfall);

        Assert.False(payload.IsMultipart);
        Assert.Equal("flux.2-pro", payload.ProviderModelId);
        JsonAssert.Body("""{"model": "flux.2-pro", "prompt": "A red fox in the snow", "size": "1024x768"}""", payload);
    }

    [Fact]
    public void Ratios_and_tiers_are_renamed_to_lumenfalls_values()
    {
        var ratio = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Landscape16x9, Resolution = Flux2ProResolution.OneMegapixel };
        var matching = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.MatchInputImage, Resolution = Flux2ProResolution.MatchInputImage };

        JsonAssert.Body(
            """{"model": "flux.2-pro", "prompt": "A red fox in the snow", "aspect_ratio": "16:9", "resolution": "1K"}""",
            ratio.CreatePayload(ProviderIds.Lumenfall));
        JsonAssert.Body(
            """{"model": "flux.2-pro", "prompt": "A red fox in the snow", "aspect_ratio": "auto", "resolution": "auto"}""",
            matching.CreatePayload(ProviderIds.Lumenfall));
    }

    [Fact]
    public void Openai_fields_and_passthrough_parameters_are_sent_as_given()
    {
        var request = SampleRequests.MinimalPro() with
        {
            Seed = 42,
            SafetyTolerance = 3,
            OutputFormat = Flux2ProOutputFormat.Avif,
            OutputQuality = 75,
            PromptUpsampling = true,
            ImageCount = 2,
            Lumenfall = new Flux2ProLumenfallOptions { ResponseFormat = Flux2ProLumenfallResponseFormat.B64Json, OutputCompression = 60 },
        };

        var payload = request.CreatePayload(ProviderIds.Lumenfall);

        JsonAssert.Body(
            """
            {"model": "flux.2-pro", "prompt": "A red fox in the snow", "seed": 42, "safety_tolerance": 3, "output_format": "avif",
             "output_quality": 75, "n": 2, "response_format": "b64_json", "output_compression": 60}
            """,
            payload);
        Assert.Equal(["lumenfall does not accept prompt_upsampling; it will not be sent."], payload.Warnings);
    }

    [Fact]
    public void With_images_the_body_is_a_form_with_one_image_file_part_each_and_text_fields()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = [ImageInput.FromBytes(SampleRequests.PngBytes), ImageInput.FromFile("/photos/car.jpg")],
            AspectRatio = Flux2ProAspectRatio.Square,
            Seed = 42,
            ImageCount = 2,
        };

        var payload = request.CreatePayload(ProviderIds.Lumenfall);

        Assert.True(payload.IsMultipart);
        Assert.Equal(
            ["model=flux.2-pro", "prompt=A red fox in the snow", "image=@image-1.png (image/png)", "image=@car.jpg (image/jpeg)", "aspect_ratio=1:1", "seed=42", "n=2"],
            payload.Parts!.Select(p => p.ToString()));
        Assert.Equal(ImageInput.FromBytes(SampleRequests.PngBytes), payload.Parts![2].Image);
        Assert.Equal("lumenfall flux.2-pro: multipart [model, prompt, image (file image-1.png, image/png), image (file car.jpg, image/jpeg), aspect_ratio, seed, n]", payload.ToString());
    }

    [Fact]
    public void An_empty_image_list_stays_a_json_generation()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = [] };

        JsonAssert.Body("""{"model": "flux.2-pro", "prompt": "A red fox in the snow"}""", request.CreatePayload(ProviderIds.Lumenfall));
    }

    [Fact]
    public void A_url_image_cannot_be_a_file_part_until_it_is_downloaded()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = SampleRequests.Images(1) };

        var error = Assert.Throws<InvalidOperationException>(() => request.CreatePayload(ProviderIds.Lumenfall));

        Assert.StartsWith("input_images[0] is a URL (https://images.example.com/ref-1.png), but the provider takes the image itself (a file upload).", error.Message, StringComparison.Ordinal);
    }
}

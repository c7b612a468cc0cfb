using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Black Forest Labs (providers.md, "Black Forest Labs"): <c>POST /v1/flux-2-pro</c> with top-level fields; the model is
/// the URL path. Images are indexed fields <c>input_image</c>, <c>input_image_2</c> …; there is no aspect ratio, so the
/// ratio and megapixel tier become <c>width</c> / <c>height</c> in multiples of 16; <c>safety_tolerance</c> is an
/// integer 0–5; <c>webhook_url</c> and <c>webhook_secret</c> are body fields.
/// </summary>
public sealed class BflPayloadTests
{
    [Fact]
    public void Images_are_indexed_fields_input_image_input_image_2_and_so_on()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = SampleRequests.Images(3) };

        var payload = request.CreatePayload(ProviderIds.Bfl);

        Assert.Equal("flux-2-pro", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A red fox in the snow", "input_image": "https://images.example.com/ref-1.png",
             "input_image_2": "https://images.example.com/ref-2.jpg", "input_image_3": "https://images.example.com/ref-3.png"}
            """,
            payload);
    }

    [Theory]
    [InlineData(Flux2ProAspectRatio.Square, Flux2ProResolution.OneMegapixel, 1024, 1024)]
    [InlineData(Flux2ProAspectRatio.Landscape16x9, Flux2ProResolution.OneMegapixel, 1360, 768)]
    [InlineData(Flux2ProAspectRatio.Portrait9x16, Flux2ProResolution.OneMegapixel, 768, 1360)]
    [InlineData(Flux2ProAspectRatio.Landscape3x2, Flux2ProResolution.TwoMegapixels, 1760, 1168)]
    [InlineData(Flux2ProAspectRatio.Square, Flux2ProResolution.FourMegapixels, 2048, 2048)]
    [InlineData(Flux2ProAspectRatio.Landscape16x9, Flux2ProResolution.FourMegapixels, 2720, 1536)] // 2731 x 1536 in steps of 16 within 4 MP: BFL has no 2048 side limit
    [InlineData(Flux2ProAspectRatio.Landscape4x3, Flux2ProResolution.HalfMegapixel, 832, 624)]
    public void An_aspect_ratio_and_resolution_become_width_and_height_in_multiples_of_16(Flux2ProAspectRatio ratio, Flux2ProResolution resolution, int width, int height)
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = ratio, Resolution = resolution };

        JsonAssert.Body($$"""{"prompt": "A red fox in the snow", "width": {{width}}, "height": {{height}}}""", request.CreatePayload(ProviderIds.Bfl));
    }

    [Fact]
    public void A_resolution_without_a_ratio_uses_the_models_default_ratio_1_1()
    {
        // 2 MP square: sqrt(2 * 1024^2) = 1448.2, 90.5 steps of 16 rounds up to 91.
        var request = SampleRequests.MinimalPro() with { Resolution = Flux2ProResolution.TwoMegapixels };

        JsonAssert.Body("""{"prompt": "A red fox in the snow", "width": 1440, "height": 1440}""", request.CreatePayload(ProviderIds.Bfl));
    }

    [Fact]
    public void A_custom_size_passes_through_and_match_input_image_leaves_the_size_to_bfl()
    {
        var custom = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1440, Height = 816 };
        var matching = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.MatchInputImage, InputImages = SampleRequests.Images(1) };

        JsonAssert.Body("""{"prompt": "A red fox in the snow", "width": 1440, "height": 816}""", custom.CreatePayload(ProviderIds.Bfl));
        JsonAssert.Body("""{"prompt": "A red fox in the snow", "input_image": "https://images.example.com/ref-1.png"}""", matching.CreatePayload(ProviderIds.Bfl));
    }

    [Fact]
    public void Safety_tolerance_is_an_integer_and_webhook_fields_are_in_the_body()
    {
        var request = SampleRequests.MinimalPro() with
        {
            Seed = 7,
            SafetyTolerance = 0,
            OutputFormat = Flux2ProOutputFormat.Png,
            OutputQuality = 70,
            Bfl = new Flux2ProBflOptions { WebhookUrl = "https://hooks.example.com/bfl", WebhookSecret = "s3cret" },
        };

        var payload = request.CreatePayload(ProviderIds.Bfl);

        JsonAssert.Body(
            """
            {"prompt": "A red fox in the snow", "seed": 7, "safety_tolerance": 0, "output_format": "png",
             "webhook_url": "https://hooks.example.com/bfl", "webhook_secret": "s3cret"}
            """,
            payload);
        Assert.Equal(["bfl does not accept output_quality; it will not be sent."], payload.Warnings);
        Assert.DoesNotContain("s3cret", payload.ToString(), StringComparison.Ordinal);
    }
}

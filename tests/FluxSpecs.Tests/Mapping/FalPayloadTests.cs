using FluxSpecs.Models.Flux2Pro;
using Dev = FluxSpecs.Models.Flux2Dev;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// fal (providers.md, "fal.ai"): <c>POST https://queue.fal.run/fal-ai/flux-2-pro</c>, or <c>…/edit</c> with images in
/// <c>image_urls</c>; top-level fields; the size is <c>image_size</c>, a preset or <c>{width, height}</c>;
/// <c>safety_tolerance</c> is a string <c>"1"</c>–<c>"5"</c>.
/// </summary>
public sealed class FalPayloadTests
{
    [Theory]
    [InlineData(Flux2ProAspectRatio.Square, "square_hd")]
    [InlineData(Flux2ProAspectRatio.Landscape4x3, "landscape_4_3")]
    [InlineData(Flux2ProAspectRatio.Portrait3x4, "portrait_4_3")]
    [InlineData(Flux2ProAspectRatio.Landscape16x9, "landscape_16_9")]
    [InlineData(Flux2ProAspectRatio.Portrait9x16, "portrait_16_9")]
    public void Ratios_with_a_fal_preset_become_that_image_size(Flux2ProAspectRatio ratio, string preset)
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = ratio };

        var payload = request.CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2-pro", payload.ProviderModelId);
        JsonAssert.Body($$"""{"prompt": "A red fox in the snow", "image_size": "{{preset}}"}""", payload);
    }

    [Fact]
    public void A_custom_size_becomes_an_image_size_object()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1024, Height = 768 };

        JsonAssert.Body("""{"prompt": "A red fox in the snow", "image_size": {"width": 1024, "height": 768}}""", request.CreatePayload(ProviderIds.Fal));
    }

    [Fact]
    public void A_ratio_without_a_preset_becomes_its_1_megapixel_size()
    {
        // 3:2 at 1 MP: sqrt(1.5 * 1024^2) = 1254.1 by 836.1 (Lumenfall's 1K table lists 1254x836 for 3:2 as well).
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Landscape3x2 };

        JsonAssert.Body("""{"prompt": "A red fox in the snow", "image_size": {"width": 1254, "height": 836}}""", request.CreatePayload(ProviderIds.Fal));
    }

    [Fact]
    public void Safety_tolerance_is_a_string_and_the_safety_checker_and_sync_mode_are_fals_own()
    {
        var request = SampleRequests.MinimalPro() with
        {
            SafetyTolerance = 5,
            OutputFormat = Flux2ProOutputFormat.Png,
            Fal = new Flux2ProFalOptions { EnableSafetyChecker = false, SyncMode = true },
        };

        JsonAssert.Body(
            """{"prompt": "A red fox in the snow", "safety_tolerance": "5", "output_format": "png", "enable_safety_checker": false, "sync_mode": true}""",
            request.CreatePayload(ProviderIds.Fal));
    }

    [Fact]
    public void Images_go_to_the_edit_endpoint_as_image_urls_and_match_input_image_leaves_the_size_to_fal()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = SampleRequests.Images(2),
            AspectRatio = Flux2ProAspectRatio.MatchInputImage,
            Resolution = Flux2ProResolution.TwoMegapixels,
        };

        var payload = request.CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2-pro/edit", payload.ProviderModelId);
        JsonAssert.Body(
            """{"prompt": "A red fox in the snow", "image_urls": ["https://images.example.com/ref-1.png", "https://images.example.com/ref-2.jpg"]}""",
            payload);
        Assert.Equal(["fal does not accept resolution; it will not be sent."], payload.Warnings);
    }

    [Fact]
    public void Dev_sends_its_typed_extras_with_their_json_types()
    {
        var request = new Dev.Flux2DevRequest
        {
            Prompt = "A red fox in the snow",
            Seed = 4294967295,
            ImageCount = 2,
            Fal = new Dev.Flux2DevFalOptions
            {
                GuidanceScale = 3.5,
                NumInferenceSteps = 30,
                Acceleration = Dev.Flux2DevFalAcceleration.High,
                EnablePromptExpansion = true,
            },
        };

        var payload = request.CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A red fox in the snow", "seed": 4294967295, "num_images": 2, "guidance_scale": 3.5,
             "num_inference_steps": 30, "acceleration": "high", "enable_prompt_expansion": true}
            """,
            payload);
    }
}

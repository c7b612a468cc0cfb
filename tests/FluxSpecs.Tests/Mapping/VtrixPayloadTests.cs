using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Vtrix (seed 002; providers.md, "Other providers"): BFL-shaped top-level fields plus <c>"model": "flux_2_pro"</c>,
/// images as <c>input_image</c> … <c>input_image_8</c>, sizes in multiples of 32, and <c>safety_tolerance</c> as a string.
/// </summary>
public sealed class VtrixPayloadTests
{
    [Fact]
    public void The_body_names_the_model_flux_2_pro()
    {
        var payload = SampleRequests.MinimalPro().CreatePayload(ProviderIds.Vtrix);

        Assert.Equal("flux_2_pro", payload.ProviderModelId);
        JsonAssert.Body("""{"model": "flux_2_pro", "prompt": "A red fox in the snow"}""", payload);
    }

    [Fact]
    public void Safety_tolerance_is_sent_as_a_string_up_to_6()
    {
        var request = SampleRequests.MinimalPro() with { SafetyTolerance = 6, OutputFormat = Flux2ProOutputFormat.Jpeg, Seed = 1234 };

        JsonAssert.Body(
            """{"model": "flux_2_pro", "prompt": "A red fox in the snow", "seed": 1234, "safety_tolerance": "6", "output_format": "jpeg"}""",
            request.CreatePayload(ProviderIds.Vtrix));
    }

    [Fact]
    public void Eight_images_are_input_image_to_input_image_8()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = SampleRequests.Images(8) };

        using var body = JsonAssert.Parse(request.CreatePayload(ProviderIds.Vtrix));

        Assert.Equal(
            ["model", "prompt", "input_image", "input_image_2", "input_image_3", "input_image_4", "input_image_5", "input_image_6", "input_image_7", "input_image_8"],
            body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://images.example.com/ref-8.jpg", body.RootElement.GetProperty("input_image_8").GetString());
    }

    [Fact]
    public void An_aspect_ratio_becomes_a_size_in_multiples_of_32()
    {
        // 16:9 at 1 MP is 1365.3 x 768; 42.7 steps of 32 round to 43.
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Landscape16x9 };

        JsonAssert.Body("""{"model": "flux_2_pro", "prompt": "A red fox in the snow", "width": 1344, "height": 768}""", request.CreatePayload(ProviderIds.Vtrix));
    }
}

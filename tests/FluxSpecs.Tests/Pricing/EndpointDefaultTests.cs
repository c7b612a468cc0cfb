using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Tests.Cards;

namespace FluxSpecs.Tests.Pricing;

/// <summary>
/// A provider default that depends on the endpoint (<c>edit_default</c>): fal's text-to-image default is 4:3
/// (1024×768), its /edit endpoint keeps the input image's size. The estimate follows the endpoint the request goes to
/// and says what it assumed.
/// </summary>
public sealed class EndpointDefaultTests
{
    [Fact]
    public void A_2048_square_reference_with_no_size_on_fal_edit_is_estimated_at_the_inputs_size()
    {
        var request = new Flux2ProRequest { Prompt = "make it blue", InputImages = [CardImages.Png(2048, 2048)] };

        var estimate = request.EstimatePrice("fal");

        Assert.Equal(new ImageSize(2048, 2048), estimate.OutputSize);
        // 4 MP out: $0.03 + 3 × $0.015; 4 MP in: 4 × $0.015.
        Assert.Equal(0.135m, estimate.AmountUsd);
        Assert.Equal(
            [
                "aspect_ratio is not set and the request has images, so it goes to fal's edit endpoint (fal-ai/flux-2-pro/edit), whose default is match_input_image (4:3 without images).",
                "output size follows the input image; assumed input_images[0]'s 2048×2048.",
            ],
            estimate.Assumptions);
    }

    [Fact]
    public void Without_images_the_text_to_image_default_still_applies_and_nothing_is_assumed_about_the_endpoint()
    {
        var estimate = new Flux2ProRequest { Prompt = "a fox" }.EstimatePrice("fal");

        Assert.Equal(new ImageSize(1024, 768), estimate.OutputSize);
        Assert.DoesNotContain(estimate.Assumptions, a => a.Contains("edit endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void A_size_the_request_sets_wins_over_the_endpoint_default()
    {
        var request = new Flux2ProRequest { Prompt = "make it blue", InputImages = [CardImages.Png(2048, 2048)], AspectRatio = Flux2ProAspectRatio.Square };

        var estimate = request.EstimatePrice("fal");

        Assert.Equal(new ImageSize(1024, 1024), estimate.OutputSize);
        Assert.DoesNotContain(estimate.Assumptions, a => a.Contains("edit endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void The_descriptor_carries_both_defaults()
    {
        var mapping = Flux2ProModel.Descriptor.FindProvider("fal")!.Parameters.Single(p => p.Parameter == "aspect_ratio");

        Assert.Equal("4:3", mapping.Default);
        Assert.Equal("match_input_image", mapping.EditDefault);
    }
}

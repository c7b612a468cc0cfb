using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Validation;

namespace FluxSpecs.Tests.Pricing;

/// <summary>The generated <c>OutputSize(providerId)</c>: the provider's own size rule, priced or not.</summary>
public sealed class OutputSizeTests
{
    [Fact]
    public void Each_provider_applies_its_own_size_rule_also_where_it_publishes_no_price()
    {
        var request = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Landscape16x9 };

        Assert.Equal(new ImageSize(1344, 768), request.OutputSize("vtrix"));     // multiples of 32, within 1 MP; unpriced
        Assert.Equal(new ImageSize(1360, 768), request.OutputSize("bfl"));       // multiples of 16
        Assert.Equal(new ImageSize(1024, 576), request.OutputSize("fal"));       // fal's landscape_16_9 preset
        Assert.Equal(request.EstimatePrice("bfl").OutputSize, request.OutputSize("bfl"));
    }

    [Fact]
    public void A_provider_default_size_applies_when_the_request_sets_none_of_its_inputs()
    {
        Assert.Equal(new ImageSize(1024, 768), new Flux2ProRequest { Prompt = "x" }.OutputSize("magnific"));
    }

    [Fact]
    public void A_size_that_depends_on_the_input_image_is_unknown()
    {
        var request = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.MatchInputImage, InputImages = [ImageInput.FromUrl("https://images.example/a.png")] };

        Assert.Null(request.OutputSize("bfl"));
    }

    [Fact]
    public void A_request_the_provider_refuses_has_no_size()
    {
        var request = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2000, Height = 768 };

        var error = Assert.Throws<RequestValidationException>(() => request.OutputSize("magnific"));

        Assert.Contains(error.Violations, v => v.Parameter == "width");
    }
}

using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Flex;
using FluxSpecs.Tests.Mapping;

namespace FluxSpecs.Tests.Cards;

/// <summary>
/// FLUX.2 [flex] (specs/flux-2-flex.model.yaml) on each provider that sells it: the body the provider expects, and the
/// price its source gives. Flex adds steps, guidance and prompt upsampling (default true) to pro's parameters.
/// </summary>
public sealed class Flux2FlexCardTests
{
    private static Flux2FlexRequest Minimal() => new() { Prompt = "A neon sign that says FLEX" };

    // Replicate: {"input": {…}}, input_images array (up to 10), jpeg spelled jpg, steps/guidance/prompt_upsampling by name.
    [Fact]
    public void Replicate_takes_ten_images_and_the_flex_controls_inside_input()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(10),
            AspectRatio = Flux2FlexAspectRatio.Custom,
            Width = 1024,
            Height = 768,
            OutputFormat = Flux2FlexOutputFormat.Jpeg,
            PromptUpsampling = false,
            Steps = 20,
            Guidance = 3.5,
        };

        var payload = request.CreatePayload(ProviderIds.Replicate);

        Assert.Equal("black-forest-labs/flux-2-flex", payload.ProviderModelId);
        var images = string.Join(", ", SampleRequests.Images(10).Select(i => $"\"{i.Url!.AbsoluteUri}\""));
        JsonAssert.Body(
            $$$"""
            {"input": {"prompt": "A neon sign that says FLEX", "input_images": [{{{images}}}], "aspect_ratio": "custom",
                       "width": 1024, "height": 768, "output_format": "jpg", "prompt_upsampling": false, "steps": 20, "guidance": 3.5}}
            """,
            payload);
    }

    [Fact]
    public void Replicate_narrows_sizes_to_multiples_of_32_and_defaults_steps_to_30()
    {
        var request = Minimal() with { AspectRatio = Flux2FlexAspectRatio.Custom, Width = 1360, Height = 768 };

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Replicate));

        Assert.Equal("replicate: width must be a multiple of 32, but is 1360 (the provider would use 1376).", Assert.Single(error.Violations).Message);
        Assert.Equal("30", Flux2FlexModel.Descriptor.FindProvider(ProviderIds.Replicate)!.Parameters.Single(p => p.Parameter == "steps").Default);
    }

    [Fact]
    public void Replicate_has_no_published_flex_price()
    {
        Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Replicate));
    }

    // core.today: {"model", "input": {…}} around Replicate's fields; 200 credits per request.
    [Fact]
    public void Core_today_wraps_replicates_fields_with_the_model_id()
    {
        var request = Minimal() with { InputImages = SampleRequests.Images(1), Steps = 40, Guidance = 6 };

        var payload = request.CreatePayload(ProviderIds.CoreToday);

        JsonAssert.Body(
            """
            {"model": "black-forest-labs/flux-2-flex",
             "input": {"prompt": "A neon sign that says FLEX", "input_images": ["https://images.example.com/ref-1.png"], "steps": 40, "guidance": 6}}
            """,
            payload);
    }

    [Fact]
    public void Core_today_charges_200_credits_per_request_whatever_the_images()
    {
        var estimate = (Minimal() with { InputImages = [CardImages.Png(2048, 2048), CardImages.Png(1024, 1024)] }).EstimatePrice(ProviderIds.CoreToday);

        Assert.Equal(200m, estimate.Credits);
        Assert.Null(estimate.AmountUsd);
        Assert.Equal("https://api.core.today/v1/models/black-forest-labs/flux-2-flex/llms.txt", estimate.Source);
    }

    // BFL: POST /v1/flux-2-flex; indexed input_image fields (8), the ratio as width/height in multiples of 16.
    [Fact]
    public void Bfl_gets_indexed_images_a_computed_size_and_the_flex_fields()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(2),
            AspectRatio = Flux2FlexAspectRatio.Landscape16x9,
            SafetyTolerance = 0,
            OutputFormat = Flux2FlexOutputFormat.Png,
            PromptUpsampling = false,
            Steps = 50,
            Guidance = 10,
            Bfl = new Flux2FlexBflOptions { WebhookUrl = "https://hooks.example.com/bfl" },
        };

        var payload = request.CreatePayload(ProviderIds.Bfl);

        Assert.Equal("flux-2-flex", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A neon sign that says FLEX", "input_image": "https://images.example.com/ref-1.png",
             "input_image_2": "https://images.example.com/ref-2.jpg", "width": 1360, "height": 768, "safety_tolerance": 0,
             "output_format": "png", "prompt_upsampling": false, "steps": 50, "guidance": 10, "webhook_url": "https://hooks.example.com/bfl"}
            """,
            payload);
    }

    [Fact]
    public void Bfl_takes_eight_images_where_the_model_takes_ten()
    {
        var error = Assert.Throws<RequestValidationException>(() => (Minimal() with { InputImages = SampleRequests.Images(9) }).CreatePayload(ProviderIds.Bfl));

        Assert.Equal(("input_images", "bfl"), (Assert.Single(error.Violations).Parameter, error.Violations[0].Provider));
    }

    [Theory]
    [InlineData(0, 5)]     // 1 MP text-to-image: 5 credits ($0.05, SKILL.md's table)
    [InlineData(1, 10)]    // one 1 MP reference: 5 more ($0.10, "1 MP edit")
    [InlineData(2, 15)]
    public void Bfl_charges_5_credits_per_output_and_input_megapixel(int references, decimal credits)
    {
        var request = Minimal() with { InputImages = [.. Enumerable.Repeat(CardImages.Png(1024, 1024), references)] };

        var estimate = request.EstimatePrice(ProviderIds.Bfl);

        Assert.Equal(credits, estimate.Credits);
        Assert.Equal(credits / 100m, estimate.AmountUsd);
    }

    [Fact]
    public void Bfl_rounds_each_image_up_to_whole_megapixels()
    {
        // 2 MP square is 1440x1440 = 1.98 MP, billed as 2 (5 + 5); a 1500x1500 reference (2.15 MP) as 3 (15).
        var request = Minimal() with { Resolution = Flux2FlexResolution.TwoMegapixels, InputImages = [CardImages.Png(1500, 1500)] };

        Assert.Equal(25m, request.EstimatePrice(ProviderIds.Bfl).Credits);
    }

    // fal: fal-ai/flux-2-flex, /edit with images; image_urls; image_size presets; string safety_tolerance.
    [Fact]
    public void Fal_sends_images_to_the_edit_endpoint_with_its_own_field_names()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(2),
            AspectRatio = Flux2FlexAspectRatio.Square,
            SafetyTolerance = 3,
            PromptUpsampling = true,
            Steps = 28,
            Guidance = 2.5,
            Fal = new Flux2FlexFalOptions { EnableSafetyChecker = false },
        };

        var payload = request.CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2-flex/edit", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A neon sign that says FLEX", "image_urls": ["https://images.example.com/ref-1.png", "https://images.example.com/ref-2.jpg"],
             "image_size": "square_hd", "safety_tolerance": "3", "enable_prompt_expansion": true, "num_inference_steps": 28,
             "guidance_scale": 2.5, "enable_safety_checker": false}
            """,
            payload);
        Assert.Equal("fal-ai/flux-2-flex", Minimal().CreatePayload(ProviderIds.Fal).ProviderModelId);
    }

    [Theory]
    [InlineData(1024, 1024, 0.05)]   // fal's example: a 1024x1024 image costs $0.05
    [InlineData(1920, 1088, 0.10)]   // fal's example is 1920x1080 (1.98 MP → 2 MP, $0.10); the card's step 16 makes it 1088 (1.99 MP)
    [InlineData(512, 512, 0.05)]     // fal's example: 0.26 MP rounds up to 1 MP
    public void Fal_charges_5_cents_per_megapixel_rounded_up(int width, int height, decimal usd)
    {
        var request = Minimal() with { AspectRatio = Flux2FlexAspectRatio.Custom, Width = width, Height = height };

        Assert.Equal(usd, request.EstimatePrice(ProviderIds.Fal).AmountUsd);
    }

    [Fact]
    public void Fal_charges_input_megapixels_at_the_same_rate()
    {
        // 1 MP output + a 1 MP and a 2048x1536 (3 MP) reference: 5 MP at $0.05.
        var request = Minimal() with
        {
            AspectRatio = Flux2FlexAspectRatio.Custom,
            Width = 1024,
            Height = 1024,
            InputImages = [CardImages.Png(1024, 1024), CardImages.Png(2048, 1536)],
        };

        Assert.Equal(0.25m, request.EstimatePrice(ProviderIds.Fal).AmountUsd);
    }

    // Lumenfall: OpenAI-compatible; images as multipart file parts; the flex fields pass through.
    [Fact]
    public void Lumenfall_sends_images_as_file_parts_and_passes_the_flex_fields_through()
    {
        var image = CardImages.Png(1024, 1024);
        var request = Minimal() with
        {
            InputImages = [image],
            AspectRatio = Flux2FlexAspectRatio.Custom,
            Width = 1024,
            Height = 768,
            Steps = 12,
            ImageCount = 3,
        };

        var payload = request.CreatePayload(ProviderIds.Lumenfall);

        Assert.True(payload.IsMultipart);
        Assert.Equal(
            ["model=flux.2-flex", "prompt=A neon sign that says FLEX", "image=@image-1.png (image/png)", "size=1024x768", "steps=12", "n=3"],
            payload.Parts!.Select(p => p.ToString()));
        Assert.Equal(image, payload.Parts![2].Image);
    }

    [Fact]
    public void Lumenfall_has_no_published_flex_price()
    {
        Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Lumenfall));
    }

    // fal's /edit default (card: edit_default: match_input_image): with images and no size, fal keeps the input's size.
    [Fact]
    public void Fal_edit_with_a_2048_reference_and_no_size_is_estimated_at_the_inputs_size_and_says_so()
    {
        var request = Minimal() with { InputImages = [CardImages.Png(2048, 2048)] };

        var estimate = request.EstimatePrice(ProviderIds.Fal);

        Assert.Equal(new ImageSize(2048, 2048), estimate.OutputSize);
        Assert.Equal(0.40m, estimate.AmountUsd); // 4 MP out and 4 MP in at $0.05
        Assert.Equal(
            [
                "aspect_ratio is not set and the request has images, so it goes to fal's edit endpoint (fal-ai/flux-2-flex/edit), whose default is match_input_image (4:3 without images).",
                "output size follows the input image; assumed input_images[0]'s 2048×2048.",
            ],
            estimate.Assumptions);
        JsonAssert.Body("""{"prompt": "A neon sign that says FLEX", "image_urls": ["https://images.example.com/ref-1.png"]}""", (Minimal() with { InputImages = SampleRequests.Images(1) }).CreatePayload(ProviderIds.Fal));
    }
}

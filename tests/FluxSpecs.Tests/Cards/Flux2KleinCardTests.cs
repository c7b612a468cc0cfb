using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Klein4b;
using FluxSpecs.Models.Flux2Klein9b;
using FluxSpecs.Tests.Mapping;

namespace FluxSpecs.Tests.Cards;

/// <summary>
/// FLUX.2 [klein] 4B (specs/flux-2-klein-4b.model.yaml) on each provider that sells it: the body the provider expects,
/// and the price its source gives (BFL 1.4 + 0.1 credits per MP; Lumenfall's $0.001 per MP).
/// </summary>
public sealed class Flux2Klein4bCardTests
{
    private static Flux2Klein4bRequest Minimal() => new() { Prompt = "A paper crane on a desk" };

    // BFL: POST /v1/flux-2-klein-4b; "like Pro but max 4 images".
    [Fact]
    public void Bfl_gets_up_to_four_indexed_images_and_the_ratio_as_a_size()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(4),
            AspectRatio = Flux2Klein4bAspectRatio.Landscape16x9,
            SafetyTolerance = 5,
            OutputFormat = Flux2Klein4bOutputFormat.Png,
        };

        var payload = request.CreatePayload(ProviderIds.Bfl);

        Assert.Equal("flux-2-klein-4b", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A paper crane on a desk", "input_image": "https://images.example.com/ref-1.png",
             "input_image_2": "https://images.example.com/ref-2.jpg", "input_image_3": "https://images.example.com/ref-3.png",
             "input_image_4": "https://images.example.com/ref-4.jpg", "width": 1360, "height": 768, "safety_tolerance": 5, "output_format": "png"}
            """,
            payload);
        var error = Assert.Throws<RequestValidationException>(() => (Minimal() with { InputImages = SampleRequests.Images(5) }).CreatePayload(ProviderIds.Bfl));
        Assert.Equal("input_images may hold at most 4 items, but holds 5.", Assert.Single(error.Violations).Message);
    }

    [Theory]
    [InlineData(0, 1.4)]   // SKILL.md: $0.014 text-to-image at 1 MP
    [InlineData(1, 1.5)]   // SKILL.md: $0.015 with a 1 MP reference
    [InlineData(2, 1.6)]
    public void Bfl_charges_1_4_credits_for_the_first_megapixel_and_0_1_per_input_megapixel(int references, decimal credits)
    {
        var estimate = (Minimal() with { InputImages = [.. Enumerable.Repeat(CardImages.Png(1024, 1024), references)] }).EstimatePrice(ProviderIds.Bfl);

        Assert.Equal(credits, estimate.Credits);
        Assert.Equal(credits / 100m, estimate.AmountUsd);
    }

    [Fact]
    public void Bfl_makes_one_image_per_call_so_three_images_are_three_jobs_at_1_4_credits_each()
    {
        var request = Minimal() with { ImageCount = 3 };

        JsonAssert.Body("""{"prompt": "A paper crane on a desk"}""", request.CreatePayload(ProviderIds.Bfl));
        Assert.Equal(3 * 1.4m, request.EstimatePrice(ProviderIds.Bfl).Credits);
    }

    [Fact]
    public void Bfl_charges_0_1_credits_per_additional_output_megapixel()
    {
        var estimate = (Minimal() with { Resolution = Flux2Klein4bResolution.FourMegapixels }).EstimatePrice(ProviderIds.Bfl);

        Assert.Equal(new ImageSize(2048, 2048), estimate.OutputSize);
        Assert.Equal(1.4m + 0.3m, estimate.Credits);
    }

    // fal: fal-ai/flux-2/klein/4b and /edit; image_urls; no safety tolerance (dropped with a warning).
    [Fact]
    public void Fal_sends_images_to_the_klein_edit_endpoint_and_drops_safety_tolerance()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(2),
            AspectRatio = Flux2Klein4bAspectRatio.Square,
            SafetyTolerance = 1,
            ImageCount = 2,
            Fal = new Flux2Klein4bFalOptions { NumInferenceSteps = 8 },
        };

        var payload = request.CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2/klein/4b/edit", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A paper crane on a desk", "image_urls": ["https://images.example.com/ref-1.png", "https://images.example.com/ref-2.jpg"],
             "image_size": "square_hd", "num_images": 2, "num_inference_steps": 8}
            """,
            payload);
        Assert.Equal(["fal does not accept safety_tolerance; it will not be sent."], payload.Warnings);
        Assert.Equal("fal-ai/flux-2/klein/4b", Minimal().CreatePayload(ProviderIds.Fal).ProviderModelId);
    }

    [Fact]
    public void Fal_is_unpriced_because_its_klein_price_depends_on_the_endpoint()
    {
        Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Fal));
    }

    // Magnific: POST /v1/ai/text-to-image/flux-2-klein; preset names, 1k/2k, base64 images.
    [Fact]
    public void Magnific_gets_its_preset_names_its_resolution_words_and_base64_images()
    {
        var image = CardImages.Png(512, 512);
        var request = Minimal() with
        {
            InputImages = [image],
            AspectRatio = Flux2Klein4bAspectRatio.Landscape16x9,
            Resolution = Flux2Klein4bResolution.FourMegapixels,
            Seed = 3,
            SafetyTolerance = 0,
            OutputFormat = Flux2Klein4bOutputFormat.Jpeg,
            Magnific = new Flux2Klein4bMagnificOptions { WebhookUrl = "https://hooks.example.com/m" },
        };

        var payload = request.CreatePayload(ProviderIds.Magnific);

        Assert.Equal("flux-2-klein", payload.ProviderModelId);
        JsonAssert.Body(
            $$"""
            {"prompt": "A paper crane on a desk", "input_image": "{{CardImages.Base64(image)}}", "aspect_ratio": "widescreen_16_9",
             "resolution": "2k", "seed": 3, "safety_tolerance": 0, "output_format": "jpeg", "webhook_url": "https://hooks.example.com/m"}
            """,
            payload);
        JsonAssert.Body(
            """{"prompt": "A paper crane on a desk", "aspect_ratio": "vertical_1_2"}""",
            (Minimal() with { AspectRatio = Flux2Klein4bAspectRatio.Portrait1x2 }).CreatePayload(ProviderIds.Magnific));
    }

    [Fact]
    public void Magnific_takes_presets_only_so_a_custom_size_is_refused_before_any_call()
    {
        var request = Minimal() with { AspectRatio = Flux2Klein4bAspectRatio.Custom, Width = 1024, Height = 1024 };

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Magnific));

        Assert.Contains(error.Violations, v => v is { Parameter: "aspect_ratio", Provider: "magnific" });
        Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Magnific));
    }

    // Lumenfall: flux.2-klein-4b; its ratio list includes 21:9; images as file parts.
    [Fact]
    public void Lumenfall_gets_its_ratios_and_file_parts()
    {
        var payload = (Minimal() with
        {
            InputImages = [CardImages.Png(1024, 1024)],
            AspectRatio = Flux2Klein4bAspectRatio.Landscape21x9,
            Lumenfall = new Flux2Klein4bLumenfallOptions { ResponseFormat = Flux2Klein4bLumenfallResponseFormat.B64Json },
        }).CreatePayload(ProviderIds.Lumenfall);

        Assert.Equal(
            ["model=flux.2-klein-4b", "prompt=A paper crane on a desk", "image=@image-1.png (image/png)", "aspect_ratio=21:9", "response_format=b64_json"],
            payload.Parts!.Select(p => p.ToString()));
        var error = Assert.Throws<RequestValidationException>(() => (Minimal() with { AspectRatio = Flux2Klein4bAspectRatio.Landscape2x1 }).CreatePayload(ProviderIds.Lumenfall));
        Assert.Equal(("aspect_ratio", "lumenfall"), (Assert.Single(error.Violations).Parameter, error.Violations[0].Provider));
    }

    [Fact]
    public void Lumenfall_charges_a_tenth_of_a_cent_per_output_and_input_megapixel()
    {
        var textToImage = Minimal().EstimatePrice(ProviderIds.Lumenfall);
        var edit = (Minimal() with { InputImages = [CardImages.Png(1024, 1024), CardImages.Png(1024, 1024)] }).EstimatePrice(ProviderIds.Lumenfall);

        Assert.Equal(0.001m, textToImage.AmountUsd);
        Assert.Equal(0.003m, edit.AmountUsd);
    }

    // fal's /edit default (card: edit_default: match_input_image): with images and no size, fal keeps the input's size.
    // The card leaves fal's klein unpriced (no estimate to state it in), so the output size says it: unknown until the
    // input is read, where it was 1024x768 (landscape_4_3) before edit_default.
    [Fact]
    public void Fal_edit_with_a_2048_reference_and_no_size_keeps_the_inputs_size()
    {
        var request = Minimal() with { InputImages = [CardImages.Png(2048, 2048)] };

        Assert.Null(request.OutputSize(ProviderIds.Fal));
        Assert.Equal(new ImageSize(1024, 768), Minimal().OutputSize(ProviderIds.Fal));
        Assert.Throws<NotSupportedException>(() => request.EstimatePrice(ProviderIds.Fal));
        var payload = (Minimal() with { InputImages = SampleRequests.Images(1) }).CreatePayload(ProviderIds.Fal);
        Assert.Equal("fal-ai/flux-2/klein/4b/edit", payload.ProviderModelId);
        JsonAssert.Body("""{"prompt": "A paper crane on a desk", "image_urls": ["https://images.example.com/ref-1.png"]}""", payload);
    }
}

/// <summary>
/// FLUX.2 [klein] 9B (specs/flux-2-klein-9b.model.yaml) on each provider that sells it: the body the provider expects,
/// and the price its source gives (BFL 1.5 + 0.2 credits per MP).
/// </summary>
public sealed class Flux2Klein9bCardTests
{
    private static Flux2Klein9bRequest Minimal() => new() { Prompt = "A lantern in the fog" };

    [Fact]
    public void Bfl_gets_indexed_images_at_its_9b_endpoint()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(2),
            AspectRatio = Flux2Klein9bAspectRatio.Custom,
            Width = 1024,
            Height = 1536,
            Bfl = new Flux2Klein9bBflOptions { WebhookUrl = "https://hooks.example.com/bfl" },
        };

        var payload = request.CreatePayload(ProviderIds.Bfl);

        Assert.Equal("flux-2-klein-9b", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A lantern in the fog", "input_image": "https://images.example.com/ref-1.png",
             "input_image_2": "https://images.example.com/ref-2.jpg", "width": 1024, "height": 1536, "webhook_url": "https://hooks.example.com/bfl"}
            """,
            payload);
    }

    [Theory]
    [InlineData(0, 1.5)]   // SKILL.md: $0.015 text-to-image at 1 MP
    [InlineData(1, 1.7)]   // SKILL.md: $0.017 with a 1 MP reference
    public void Bfl_charges_1_5_credits_for_the_first_megapixel_and_0_2_per_input_megapixel(int references, decimal credits)
    {
        var estimate = (Minimal() with { InputImages = [.. Enumerable.Repeat(CardImages.Png(1024, 1024), references)] }).EstimatePrice(ProviderIds.Bfl);

        Assert.Equal(credits, estimate.Credits);
        Assert.Equal(credits / 100m, estimate.AmountUsd);
    }

    [Fact]
    public void Bfl_charges_0_2_credits_per_additional_megapixel_of_output_and_input()
    {
        // 1024x1536 = 1.5 MP, billed as 2: 1.5 + 0.2; a 1500x1500 reference (2.15 MP) as 3: 0.6.
        var request = Minimal() with { AspectRatio = Flux2Klein9bAspectRatio.Custom, Width = 1024, Height = 1536, InputImages = [CardImages.Png(1500, 1500)] };

        Assert.Equal(1.5m + 0.2m + 0.6m, request.EstimatePrice(ProviderIds.Bfl).Credits);
    }

    [Fact]
    public void Fal_uses_the_klein_9b_endpoints()
    {
        var edit = (Minimal() with { InputImages = SampleRequests.Images(1), AspectRatio = Flux2Klein9bAspectRatio.Landscape4x3 }).CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2/klein/9b/edit", edit.ProviderModelId);
        JsonAssert.Body(
            """{"prompt": "A lantern in the fog", "image_urls": ["https://images.example.com/ref-1.png"], "image_size": "landscape_4_3"}""",
            edit);
        Assert.Equal("fal-ai/flux-2/klein/9b", Minimal().CreatePayload(ProviderIds.Fal).ProviderModelId);
        Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Fal));
    }

    [Fact]
    public void Lumenfall_gets_a_custom_size_as_wxh_and_is_unpriced()
    {
        var payload = (Minimal() with { AspectRatio = Flux2Klein9bAspectRatio.Custom, Width = 1024, Height = 768, Seed = 5 }).CreatePayload(ProviderIds.Lumenfall);

        JsonAssert.Body("""{"model": "flux.2-klein-9b", "prompt": "A lantern in the fog", "size": "1024x768", "seed": 5}""", payload);
        Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Lumenfall));
    }

    // fal's /edit default (card: edit_default: match_input_image): with images and no size, fal keeps the input's size.
    // The card leaves fal's klein unpriced (no estimate to state it in), so the output size says it: unknown until the
    // input is read, where it was 1024x768 (landscape_4_3) before edit_default.
    [Fact]
    public void Fal_edit_with_a_2048_reference_and_no_size_keeps_the_inputs_size()
    {
        var request = Minimal() with { InputImages = [CardImages.Png(2048, 2048)] };

        Assert.Null(request.OutputSize(ProviderIds.Fal));
        Assert.Equal(new ImageSize(1024, 768), Minimal().OutputSize(ProviderIds.Fal));
        Assert.Throws<NotSupportedException>(() => request.EstimatePrice(ProviderIds.Fal));
        var payload = (Minimal() with { InputImages = SampleRequests.Images(1) }).CreatePayload(ProviderIds.Fal);
        Assert.Equal("fal-ai/flux-2/klein/9b/edit", payload.ProviderModelId);
        JsonAssert.Body("""{"prompt": "A lantern in the fog", "image_urls": ["https://images.example.com/ref-1.png"]}""", payload);
    }
}

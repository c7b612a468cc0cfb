using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Max;
using FluxSpecs.Tests.Mapping;

namespace FluxSpecs.Tests.Cards;

/// <summary>
/// FLUX.2 [max] (specs/flux-2-max.model.yaml) on each provider that sells it: the body the provider expects, and the
/// price its source gives (BFL 7 + 3 credits per MP, fal $0.07 + $0.03, Lumenfall's $0.030 quote).
/// </summary>
public sealed class Flux2MaxCardTests
{
    private static Flux2MaxRequest Minimal() => new() { Prompt = "A glass chess set on a marble table" };

    // Replicate (version 9c23b0aa): pro's schema with sizes in multiples of 16.
    [Fact]
    public void Replicate_accepts_multiples_of_16_and_spells_jpeg_jpg()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(8),
            AspectRatio = Flux2MaxAspectRatio.Custom,
            Width = 1360,
            Height = 768,
            OutputFormat = Flux2MaxOutputFormat.Jpeg,
            OutputQuality = 90,
            Replicate = new Flux2MaxReplicateOptions { Webhook = "https://hooks.example.com/r" },
        };

        var payload = request.CreatePayload(ProviderIds.Replicate);

        Assert.Equal("black-forest-labs/flux-2-max", payload.ProviderModelId);
        var images = string.Join(", ", SampleRequests.Images(8).Select(i => $"\"{i.Url!.AbsoluteUri}\""));
        JsonAssert.Body(
            $$"""
            {"input": {"prompt": "A glass chess set on a marble table", "input_images": [{{images}}], "aspect_ratio": "custom",
                       "width": 1360, "height": 768, "output_format": "jpg", "output_quality": 90},
             "webhook": "https://hooks.example.com/r"}
            """,
            payload);
    }

    [Fact]
    public void Replicate_is_priced_at_lumenfalls_3_cents_per_megapixel_with_a_url_reference_counted_as_1_mp()
    {
        var estimate = (Minimal() with { InputImages = SampleRequests.Images(1) }).EstimatePrice(ProviderIds.Replicate);

        Assert.Equal(new ImageSize(1024, 1024), estimate.OutputSize);
        Assert.Equal(0.06m, estimate.AmountUsd);
        Assert.False(estimate.Verified);
        Assert.Equal(["input_images[0]: size unknown (not downloaded), counted as 1 MP."], estimate.Assumptions);
    }

    // BFL: POST /v1/flux-2-max with pro's body.
    [Fact]
    public void Bfl_gets_indexed_images_and_the_ratio_as_a_size()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(3),
            AspectRatio = Flux2MaxAspectRatio.Square,
            Resolution = Flux2MaxResolution.FourMegapixels,
            Seed = 9,
            Bfl = new Flux2MaxBflOptions { WebhookUrl = "https://hooks.example.com/bfl", WebhookSecret = "s3cret" },
        };

        var payload = request.CreatePayload(ProviderIds.Bfl);

        Assert.Equal("flux-2-max", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"prompt": "A glass chess set on a marble table", "input_image": "https://images.example.com/ref-1.png",
             "input_image_2": "https://images.example.com/ref-2.jpg", "input_image_3": "https://images.example.com/ref-3.png",
             "width": 2048, "height": 2048, "seed": 9, "webhook_url": "https://hooks.example.com/bfl", "webhook_secret": "s3cret"}
            """,
            payload);
    }

    [Theory]
    [InlineData(0, 7)]     // SKILL.md: $0.07 text-to-image at 1 MP
    [InlineData(1, 10)]    // SKILL.md: $0.10 with a 1 MP reference
    public void Bfl_charges_7_credits_for_the_first_megapixel_and_3_per_input_megapixel(int references, decimal credits)
    {
        var estimate = (Minimal() with { InputImages = [.. Enumerable.Repeat(CardImages.Png(1024, 1024), references)] }).EstimatePrice(ProviderIds.Bfl);

        Assert.Equal(credits, estimate.Credits);
        Assert.Equal(credits / 100m, estimate.AmountUsd);
    }

    [Fact]
    public void Bfl_charges_3_credits_per_additional_megapixel_and_clamps_references_at_4_mp()
    {
        // 2048x2048 output = 4 MP: 7 + 3 x 3; a 3000x3000 reference (8.6 MP) counts as 4 MP: 4 x 3.
        var request = Minimal() with { Resolution = Flux2MaxResolution.FourMegapixels, InputImages = [CardImages.Png(3000, 3000)] };

        var estimate = request.EstimatePrice(ProviderIds.Bfl);

        Assert.Equal(new ImageSize(2048, 2048), estimate.OutputSize);
        Assert.Equal(7m + 9m + 12m, estimate.Credits);
    }

    // Vtrix: {"model": "flux_2_max", …}, indexed images, sizes in multiples of 32, safety_tolerance as a string up to 6.
    [Fact]
    public void Vtrix_gets_the_model_in_the_body_a_32_step_size_and_a_string_safety_tolerance()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(2),
            AspectRatio = Flux2MaxAspectRatio.Landscape16x9,
            SafetyTolerance = 6,
            OutputFormat = Flux2MaxOutputFormat.Png,
        };

        var payload = request.CreatePayload(ProviderIds.Vtrix);

        JsonAssert.Body(
            """
            {"model": "flux_2_max", "prompt": "A glass chess set on a marble table", "input_image": "https://images.example.com/ref-1.png",
             "input_image_2": "https://images.example.com/ref-2.jpg", "width": 1344, "height": 768, "safety_tolerance": "6", "output_format": "png"}
            """,
            payload);
    }

    [Fact]
    public void Vtrix_publishes_no_max_price()
    {
        var exception = Assert.Throws<NotSupportedException>(() => Minimal().EstimatePrice(ProviderIds.Vtrix));

        Assert.Equal("vtrix publishes no price for flux-2-max; its card has no pricing section.", exception.Message);
    }

    // fal: fal-ai/flux-2-max and /edit; image_urls; image_size presets; string safety_tolerance.
    [Fact]
    public void Fal_sends_images_to_the_edit_endpoint_as_image_urls()
    {
        var request = Minimal() with
        {
            InputImages = SampleRequests.Images(10),
            AspectRatio = Flux2MaxAspectRatio.Portrait9x16,
            SafetyTolerance = 5,
            Fal = new Flux2MaxFalOptions { SyncMode = true },
        };

        var payload = request.CreatePayload(ProviderIds.Fal);

        Assert.Equal("fal-ai/flux-2-max/edit", payload.ProviderModelId);
        var images = string.Join(", ", SampleRequests.Images(10).Select(i => $"\"{i.Url!.AbsoluteUri}\""));
        JsonAssert.Body(
            $$"""
            {"prompt": "A glass chess set on a marble table", "image_urls": [{{images}}], "image_size": "portrait_16_9",
             "safety_tolerance": "5", "sync_mode": true}
            """,
            payload);
    }

    [Fact]
    public void Fal_charges_7_cents_for_the_first_processed_megapixel_and_3_for_each_further_one_inputs_included()
    {
        var textToImage = Minimal().EstimatePrice(ProviderIds.Fal);                        // landscape_4_3: 1024x768, 1 MP
        var large = (Minimal() with { AspectRatio = Flux2MaxAspectRatio.Custom, Width = 2048, Height = 1024 }).EstimatePrice(ProviderIds.Fal);
        var edit = (Minimal() with
        {
            AspectRatio = Flux2MaxAspectRatio.Custom,
            Width = 2048,
            Height = 1024,
            InputImages = [CardImages.Png(1024, 1024), CardImages.Png(2048, 2048)],
        }).EstimatePrice(ProviderIds.Fal);

        Assert.Equal(0.07m, textToImage.AmountUsd);
        Assert.Equal(0.07m + 0.03m, large.AmountUsd);
        Assert.Equal(0.07m + 0.03m + 0.03m + 4 * 0.03m, edit.AmountUsd);
        Assert.Equal("https://fal.ai/models/fal-ai/flux-2-max/edit/llms.txt", edit.Source);
    }

    [Fact]
    public void Fal_makes_up_to_four_images_in_one_request_each_priced()
    {
        var request = Minimal() with { ImageCount = 2 };

        JsonAssert.Body("""{"prompt": "A glass chess set on a marble table", "num_images": 2}""", request.CreatePayload(ProviderIds.Fal));
        Assert.Equal(2 * 0.07m, request.EstimatePrice(ProviderIds.Fal).AmountUsd);
        var error = Assert.Throws<FluxSpecs.Errors.RequestValidationException>(() => (Minimal() with { ImageCount = 5 }).CreatePayload(ProviderIds.Fal));
        Assert.Equal("fal: image_count must be at most 4, but is 5.", Assert.Single(error.Violations).Message);
    }

    // Lumenfall: OpenAI-compatible; ratios and the 1K tier by name, n; images as file parts.
    [Fact]
    public void Lumenfall_gets_its_ratio_and_tier_names_and_file_parts_for_images()
    {
        var json = (Minimal() with
        {
            AspectRatio = Flux2MaxAspectRatio.Landscape16x9,
            Resolution = Flux2MaxResolution.OneMegapixel,
            SafetyTolerance = 5,
            ImageCount = 4,
        }).CreatePayload(ProviderIds.Lumenfall);
        var form = (Minimal() with { InputImages = [CardImages.Png(64, 64), CardImages.Png(128, 128)] }).CreatePayload(ProviderIds.Lumenfall);

        JsonAssert.Body(
            """
            {"model": "flux.2-max", "prompt": "A glass chess set on a marble table", "aspect_ratio": "16:9", "resolution": "1K",
             "safety_tolerance": 5, "n": 4}
            """,
            json);
        Assert.Equal(
            ["model=flux.2-max", "prompt=A glass chess set on a marble table", "image=@image-1.png (image/png)", "image=@image-2.png (image/png)"],
            form.Parts!.Select(p => p.ToString()));
    }

    [Fact]
    public void Lumenfall_charges_3_cents_per_output_and_input_megapixel()
    {
        var request = Minimal() with { AspectRatio = Flux2MaxAspectRatio.Custom, Width = 2048, Height = 2048, InputImages = [CardImages.Png(1024, 1024)] };

        Assert.Equal(4 * 0.03m + 0.03m, request.EstimatePrice(ProviderIds.Lumenfall).AmountUsd);
    }

    // fal's /edit default (card: edit_default: match_input_image): with images and no size, fal keeps the input's size.
    [Fact]
    public void Fal_edit_with_a_2048_reference_and_no_size_is_estimated_at_the_inputs_size_and_says_so()
    {
        var request = Minimal() with { InputImages = [CardImages.Png(2048, 2048)] };

        var estimate = request.EstimatePrice(ProviderIds.Fal);

        Assert.Equal(new ImageSize(2048, 2048), estimate.OutputSize);
        Assert.Equal(0.28m, estimate.AmountUsd); // 4 MP out: $0.07 + 3 x $0.03; 4 MP in: 4 x $0.03
        Assert.Equal(
            [
                "aspect_ratio is not set and the request has images, so it goes to fal's edit endpoint (fal-ai/flux-2-max/edit), whose default is match_input_image (4:3 without images).",
                "output size follows the input image; assumed input_images[0]'s 2048×2048.",
            ],
            estimate.Assumptions);
        JsonAssert.Body("""{"prompt": "A glass chess set on a marble table", "image_urls": ["https://images.example.com/ref-1.png"]}""", (Minimal() with { InputImages = SampleRequests.Images(1) }).CreatePayload(ProviderIds.Fal));
    }
}

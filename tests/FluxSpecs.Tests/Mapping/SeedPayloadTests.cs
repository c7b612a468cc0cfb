using FluxSpecs.Mapping;
using FluxSpecs.Models.Flux2Pro;
using Dev = FluxSpecs.Models.Flux2Dev;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Every example request in the seed documents maps to exactly the body the seed shows: core.today's JSON for
/// FLUX.2 [pro] (seed 000) and [dev] (seed 001), and Lumenfall's multipart edit call (seed 004). The seeds list
/// properties in no particular order, so bodies are compared as JSON documents.
/// </summary>
public sealed class SeedPayloadTests
{
    private const string Seed000Prompt =
        "Glossy candy-colored 3D letters in hot pink, electric orange, and lime green on a sun-drenched poolside patio with bold terrazzo tiles "
        + "and vintage lounge chairs in turquoise and yellow. Shot on Kodachrome film with a Hasselblad 500C, warm golden afternoon sunlight, "
        + "dramatic lens flare, punchy oversaturated colors with that distinctive 70s yellow-orange cast, shallow depth of field with the text "
        + "sharp in the foreground, tropical palms and a sparkling aquamarine pool behind that spells out \"Run FLUX.2 [pro] on Replicate!\"";

    [Fact]
    public void Seed_000_core_today_flux_2_pro_example()
    {
        var request = new Flux2ProRequest
        {
            Prompt = Seed000Prompt,
            InputImages = [],
            AspectRatio = Flux2ProAspectRatio.Square,
            Resolution = Flux2ProResolution.OneMegapixel,
            SafetyTolerance = 2,
            OutputFormat = Flux2ProOutputFormat.Webp,
            OutputQuality = 80,
            PromptUpsampling = false,
        };

        var payload = request.CreatePayload(ProviderIds.CoreToday);

        Assert.Equal("black-forest-labs/flux-2-pro", payload.ProviderModelId);
        Assert.Empty(payload.Warnings);
        JsonAssert.Equivalent(
            """
            {
              "model": "black-forest-labs/flux-2-pro",
              "input": {
                "aspect_ratio": "1:1",
                "input_images": [],
                "output_format": "webp",
                "safety_tolerance": 2,
                "prompt_upsampling": false,
                "prompt": "Glossy candy-colored 3D letters in hot pink, electric orange, and lime green on a sun-drenched poolside patio with bold terrazzo tiles and vintage lounge chairs in turquoise and yellow. Shot on Kodachrome film with a Hasselblad 500C, warm golden afternoon sunlight, dramatic lens flare, punchy oversaturated colors with that distinctive 70s yellow-orange cast, shallow depth of field with the text sharp in the foreground, tropical palms and a sparkling aquamarine pool behind that spells out \"Run FLUX.2 [pro] on Replicate!\"",
                "resolution": "1 MP",
                "output_quality": 80
              }
            }
            """,
            payload);
    }

    [Fact]
    public void Seed_001_core_today_flux_2_dev_example()
    {
        var request = new Dev.Flux2DevRequest
        {
            Prompt = "Replace the color of the car to blue",
            InputImages = ["https://replicate.delivery/pbxt/O7kbtH7wgLIItlCyeWjm0fgPpx7OpGsT9VbYyxBXnfieVxQe/woman-by-car.jpg"],
            AspectRatio = Dev.Flux2DevAspectRatio.MatchInputImage,
            OutputFormat = Dev.Flux2DevOutputFormat.Jpeg,
            OutputQuality = 80,
            CoreToday = new Dev.Flux2DevCoreTodayOptions { GoFast = true },
        };

        var payload = request.CreatePayload(ProviderIds.CoreToday);

        Assert.Equal("black-forest-labs/flux-2-dev", payload.ProviderModelId);
        JsonAssert.Equivalent(
            """
            {
              "model": "black-forest-labs/flux-2-dev",
              "input": {
                "aspect_ratio": "match_input_image",
                "input_images": [
                  "https://replicate.delivery/pbxt/O7kbtH7wgLIItlCyeWjm0fgPpx7OpGsT9VbYyxBXnfieVxQe/woman-by-car.jpg"
                ],
                "output_format": "jpg",
                "prompt": "Replace the color of the car to blue",
                "go_fast": true,
                "output_quality": 80
              }
            }
            """,
            payload);
    }

    [Fact]
    public void Seed_004_lumenfall_image_edit_is_the_multipart_call_the_curl_example_makes()
    {
        // curl -F "model=flux.2-pro" -F "image=@source.png" -F "prompt=Add a starry night sky to this image" -F "size=1024x1024"
        var request = new Flux2ProRequest
        {
            Prompt = "Add a starry night sky to this image",
            InputImages = [ImageInput.FromFile("source.png")],
            AspectRatio = Flux2ProAspectRatio.Custom,
            Width = 1024,
            Height = 1024,
        };

        var payload = request.CreatePayload(ProviderIds.Lumenfall);

        Assert.True(payload.IsMultipart);
        Assert.True(payload.Json.IsEmpty);
        Assert.Equal("flux.2-pro", payload.ProviderModelId);
        var parts = payload.Parts!;
        // Form fields are named, so their order carries no meaning; the seed's curl line lists them in its own order.
        Assert.Equal(
            ["image=@source.png (image/png)", "model=flux.2-pro", "prompt=Add a starry night sky to this image", "size=1024x1024"],
            parts.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        var image = Assert.Single(parts, p => p.IsFile);
        Assert.Equal("image", image.Name);
        Assert.Equal("source.png", image.FileName);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(ImageInput.FromFile("source.png"), image.Image);
        Assert.All(parts.Where(p => !p.IsFile), p => Assert.Null(p.Image));
        Assert.Equal("model", parts[0].Name);
    }
}

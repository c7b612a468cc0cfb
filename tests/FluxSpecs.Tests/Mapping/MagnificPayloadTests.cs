using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Magnific (seed 003; providers.md, "Freepik / Magnific"): <c>POST /v1/ai/text-to-image/flux-2-pro</c> with top-level
/// fields; images are raw base64 in <c>input_image</c> … <c>input_image_4</c>; the size is <c>width</c> / <c>height</c>
/// (256–1440); <c>seed</c> reaches 4294967295; <c>webhook_url</c> is a body field.
/// </summary>
public sealed class MagnificPayloadTests
{
    [Fact]
    public void Images_are_raw_base64_in_indexed_fields()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = [ImageInput.FromBytes(SampleRequests.PngBytes), SampleRequests.DataUri("image/jpeg", SampleRequests.JpegBytes)],
        };

        var payload = request.CreatePayload(ProviderIds.Magnific);

        Assert.Equal("flux-2-pro", payload.ProviderModelId);
        JsonAssert.Body(
            $$"""
            {"prompt": "A red fox in the snow", "input_image": "{{Convert.ToBase64String(SampleRequests.PngBytes)}}",
             "input_image_2": "{{Convert.ToBase64String(SampleRequests.JpegBytes)}}"}
            """,
            payload);
        Assert.DoesNotContain("data:", payload.GetJsonText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_file_is_read_and_sent_as_base64()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxspecs-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, SampleRequests.PngBytes);
        try
        {
            var request = SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromFile(path)] };

            JsonAssert.Body(
                $$"""{"prompt": "A red fox in the snow", "input_image": "{{Convert.ToBase64String(SampleRequests.PngBytes)}}"}""",
                request.CreatePayload(ProviderIds.Magnific));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_aspect_ratio_becomes_width_and_height_and_a_custom_size_passes_through()
    {
        var ratio = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Portrait9x16 };
        var custom = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1440, Height = 768 };

        JsonAssert.Body("""{"prompt": "A red fox in the snow", "width": 768, "height": 1360}""", ratio.CreatePayload(ProviderIds.Magnific));
        JsonAssert.Body("""{"prompt": "A red fox in the snow", "width": 1440, "height": 768}""", custom.CreatePayload(ProviderIds.Magnific));
    }

    [Fact]
    public void Seed_prompt_upsampling_and_webhook_url_are_sent_and_unsupported_parameters_dropped()
    {
        var request = SampleRequests.MinimalPro() with
        {
            Seed = 4294967295,
            PromptUpsampling = true,
            SafetyTolerance = 2,
            OutputFormat = Flux2ProOutputFormat.Png,
            Magnific = new Flux2ProMagnificOptions { WebhookUrl = "https://www.example.com/webhook" },
        };

        var payload = request.CreatePayload(ProviderIds.Magnific);

        JsonAssert.Body(
            """{"prompt": "A red fox in the snow", "seed": 4294967295, "prompt_upsampling": true, "webhook_url": "https://www.example.com/webhook"}""",
            payload);
        Assert.Equal(
            ["magnific does not accept safety_tolerance; it will not be sent.", "magnific does not accept output_format; it will not be sent."],
            payload.Warnings);
    }

    [Fact]
    public void A_url_image_must_be_downloaded_first_and_the_error_names_it()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromBytes(SampleRequests.PngBytes), "https://images.example.com/b.png"] };

        var error = Assert.Throws<InvalidOperationException>(() => request.CreatePayload(ProviderIds.Magnific));

        Assert.StartsWith("input_images[1] is a URL (https://images.example.com/b.png), but the provider takes the image itself (base64).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Download it", error.Message, StringComparison.Ordinal);
    }
}

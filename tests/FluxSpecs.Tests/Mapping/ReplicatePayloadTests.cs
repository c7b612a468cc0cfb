using FluxSpecs.Models.Flux2Pro;
using Dev = FluxSpecs.Models.Flux2Dev;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Replicate (providers.md, "Replicate"): <c>POST /v1/models/{owner}/{name}/predictions</c> with <c>{"input": {…}}</c>;
/// the model is in the URL, images are an <c>input_images</c> array, <c>output_format</c> spells jpeg <c>jpg</c>, and
/// <c>webhook</c> / <c>webhook_events_filter</c> sit beside <c>input</c>.
/// </summary>
public sealed class ReplicatePayloadTests
{
    [Fact]
    public void Images_go_in_an_input_images_array_inside_input_with_the_model_in_the_url()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = ["https://images.example.com/a.png", "https://images.example.com/b.jpg"],
            AspectRatio = Flux2ProAspectRatio.Landscape16x9,
            Resolution = Flux2ProResolution.TwoMegapixels,
            SafetyTolerance = 5,
        };

        var payload = request.CreatePayload(ProviderIds.Replicate);

        Assert.Equal("black-forest-labs/flux-2-pro", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"input": {"prompt": "A red fox in the snow",
                       "input_images": ["https://images.example.com/a.png", "https://images.example.com/b.jpg"],
                       "aspect_ratio": "16:9", "resolution": "2 MP", "safety_tolerance": 5}}
            """,
            payload);
    }

    [Fact]
    public void Jpeg_is_sent_as_jpg_and_a_custom_size_as_width_and_height()
    {
        var request = SampleRequests.MinimalPro() with
        {
            AspectRatio = Flux2ProAspectRatio.Custom,
            Width = 1024,
            Height = 768,
            Seed = 42,
            OutputFormat = Flux2ProOutputFormat.Jpeg,
            OutputQuality = 90,
        };

        JsonAssert.Body(
            """
            {"input": {"prompt": "A red fox in the snow", "aspect_ratio": "custom", "width": 1024, "height": 768, "seed": 42,
                       "output_format": "jpg", "output_quality": 90}}
            """,
            request.CreatePayload(ProviderIds.Replicate));
    }

    [Fact]
    public void Webhook_fields_sit_beside_input()
    {
        var request = SampleRequests.MinimalPro() with
        {
            Replicate = new Flux2ProReplicateOptions
            {
                Webhook = "https://hooks.example.com/replicate",
                WebhookEventsFilter = [Flux2ProReplicateWebhookEventsFilter.Start, Flux2ProReplicateWebhookEventsFilter.Completed],
            },
        };

        JsonAssert.Body(
            """
            {"input": {"prompt": "A red fox in the snow"},
             "webhook": "https://hooks.example.com/replicate", "webhook_events_filter": ["start", "completed"]}
            """,
            request.CreatePayload(ProviderIds.Replicate));
    }

    [Fact]
    public void Prompt_upsampling_is_dropped_with_the_warning_validation_gives()
    {
        var request = SampleRequests.MinimalPro() with { PromptUpsampling = true };

        var payload = request.CreatePayload(ProviderIds.Replicate);

        JsonAssert.Body("""{"input": {"prompt": "A red fox in the snow"}}""", payload);
        Assert.Equal(["replicate does not accept prompt_upsampling; it will not be sent."], payload.Warnings);
        Assert.Equal(request.Validate(ProviderIds.Replicate).Warnings, payload.Warnings);
    }

    [Fact]
    public void A_local_image_is_sent_as_a_data_uri()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromBytes(SampleRequests.PngBytes)] };

        JsonAssert.Body(
            $$"""
            {"input": {"prompt": "A red fox in the snow", "input_images": ["data:image/png;base64,{{Convert.ToBase64String(SampleRequests.PngBytes)}}"]}
            }
            """,
            request.CreatePayload(ProviderIds.Replicate));
    }

    [Fact]
    public void Dev_model_inputs_go_fast_and_disable_safety_checker_stay_inside_input()
    {
        var request = new Dev.Flux2DevRequest
        {
            Prompt = "A red fox in the snow",
            Replicate = new Dev.Flux2DevReplicateOptions { GoFast = false, DisableSafetyChecker = true, Webhook = "https://hooks.example.com/r" },
        };

        var payload = request.CreatePayload(ProviderIds.Replicate);

        Assert.Equal("black-forest-labs/flux-2-dev", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"input": {"prompt": "A red fox in the snow", "go_fast": false, "disable_safety_checker": true},
             "webhook": "https://hooks.example.com/r"}
            """,
            payload);
    }
}

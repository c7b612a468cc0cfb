using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// core.today (seeds 000 and 001; providers.md, "core.today"): <c>POST /v1/predictions</c> with
/// <c>{"model", "input": {…}}</c>, Replicate's input fields inside, and its own create fields (<c>webhook</c>,
/// <c>webhook_events</c>, <c>is_public</c>, <c>output_folder</c>) beside <c>input</c>.
/// </summary>
public sealed class CoreTodayPayloadTests
{
    [Fact]
    public void The_model_id_and_the_input_object_wrap_replicates_fields()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = ["https://images.example.com/a.png"],
            AspectRatio = Flux2ProAspectRatio.MatchInputImage,
            Resolution = Flux2ProResolution.MatchInputImage,
            OutputFormat = Flux2ProOutputFormat.Png,
        };

        var payload = request.CreatePayload(ProviderIds.CoreToday);

        Assert.Equal("black-forest-labs/flux-2-pro", payload.ProviderModelId);
        JsonAssert.Body(
            """
            {"model": "black-forest-labs/flux-2-pro",
             "input": {"prompt": "A red fox in the snow", "input_images": ["https://images.example.com/a.png"],
                       "aspect_ratio": "match_input_image", "resolution": "match_input_image", "output_format": "png"}}
            """,
            payload);
    }

    [Fact]
    public void Its_own_create_fields_sit_beside_input()
    {
        var request = SampleRequests.MinimalPro() with
        {
            CoreToday = new Flux2ProCoreTodayOptions
            {
                Webhook = "https://hooks.example.com/core",
                WebhookEvents = [Flux2ProCoreTodayWebhookEvents.Completed, Flux2ProCoreTodayWebhookEvents.Failed],
                IsPublic = false,
                OutputFolder = "renders",
            },
        };

        JsonAssert.Body(
            """
            {"model": "black-forest-labs/flux-2-pro", "input": {"prompt": "A red fox in the snow"},
             "webhook": "https://hooks.example.com/core", "webhook_events": ["completed", "failed"], "is_public": false,
             "output_folder": "renders"}
            """,
            request.CreatePayload(ProviderIds.CoreToday));
    }

    [Fact]
    public void Jpeg_becomes_jpg_and_prompt_upsampling_passes_through_as_seed_000_sends_it()
    {
        var request = SampleRequests.MinimalPro() with { OutputFormat = Flux2ProOutputFormat.Jpeg, PromptUpsampling = true, SafetyTolerance = 1 };

        JsonAssert.Body(
            """
            {"model": "black-forest-labs/flux-2-pro",
             "input": {"prompt": "A red fox in the snow", "safety_tolerance": 1, "output_format": "jpg", "prompt_upsampling": true}}
            """,
            request.CreatePayload(ProviderIds.CoreToday));
    }
}

using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Requests;

/// <summary>
/// Requests filled by parameter name, as the CLI and other tools do: every card type converts, provider-only parameters
/// are <c>provider.name</c>, and a wrong name or value is an error naming the parameter, the value and the rule.
/// </summary>
public sealed class ParameterAccessTests
{
    [Fact]
    public void The_descriptor_makes_an_empty_request_of_the_model()
    {
        var request = Flux2ProModel.Descriptor.CreateRequest();

        var typed = Assert.IsType<Flux2ProRequest>(request);
        Assert.Null(typed.AspectRatio);
        Assert.Contains(request.Validate().Violations, v => v.Parameter == "prompt");
    }

    [Fact]
    public void Every_card_type_is_set_by_name_and_read_back()
    {
        var request = Flux2ProModel.Descriptor.CreateRequest();

        request.SetParameter("prompt", "a lighthouse");
        request.SetParameter("aspect_ratio", "16:9");
        request.SetParameter("width", 1024L);
        request.SetParameter("seed", 42);
        request.SetParameter("prompt_upsampling", true);
        request.SetParameter("input_images", new[] { "https://example.com/cat.png" });
        request.SetParameter("replicate.webhook_events_filter", new[] { "start", "completed" });
        request.SetParameter("bfl.webhook_url", "https://example.com/hook");

        var typed = (Flux2ProRequest)request;
        Assert.Equal("a lighthouse", typed.Prompt);
        Assert.Equal(Flux2ProAspectRatio.Landscape16x9, typed.AspectRatio);
        Assert.Equal(1024, typed.Width);
        Assert.Equal(42L, typed.Seed);
        Assert.True(typed.PromptUpsampling);
        Assert.Equal(new Uri("https://example.com/cat.png"), Assert.Single(typed.InputImages!).Url);
        Assert.Equal([Flux2ProReplicateWebhookEventsFilter.Start, Flux2ProReplicateWebhookEventsFilter.Completed], typed.Replicate!.WebhookEventsFilter);
        Assert.Equal("https://example.com/hook", typed.Bfl!.WebhookUrl);
        Assert.Equal(Flux2ProAspectRatio.Landscape16x9, request.GetParameter("aspect_ratio"));
        Assert.Equal("https://example.com/hook", request.GetParameter("bfl.webhook_url"));
        Assert.Null(request.GetParameter("fal.sync_mode"));
    }

    [Fact]
    public void Typed_values_and_null_are_taken_as_they_are()
    {
        var request = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", Width = 512 };

        request.SetParameter("aspect_ratio", FluxSpecs.Models.Flux2Dev.Flux2DevAspectRatio.Custom);
        request.SetParameter("width", null);

        Assert.Equal(FluxSpecs.Models.Flux2Dev.Flux2DevAspectRatio.Custom, request.AspectRatio);
        Assert.Null(request.Width);
    }

    [Theory]
    [InlineData("width", "wide", "width takes an integer, but got 'wide'.")]
    [InlineData("width", 99999999999L, "width takes an integer from -2147483648 to 2147483647, but got 99999999999 (Int64).")]
    [InlineData("aspect_ratio", "7:3", "aspect_ratio takes one of its card's values, but got '7:3'.")]
    [InlineData("prompt_upsampling", "yes", "prompt_upsampling takes true or false, but got 'yes'.")]
    [InlineData("prompt", 12, "prompt takes a string, but got 12 (Int32).")]
    [InlineData("prompt", null, "prompt is required; it cannot be set to null.")]
    [InlineData("colour", "red", "'colour' is not a parameter of flux-2-pro (a provider-only one is written provider.name).")]
    [InlineData("replicate.webhook_events_filter", new[] { "start", "never" }, "replicate.webhook_events_filter takes one of its card's values, but got 'never'.")]
    [InlineData("bfl.go_fast", true, "'bfl.go_fast' is not a parameter of flux-2-pro (a provider-only one is written provider.name).")]
    public void A_wrong_name_or_value_names_the_parameter_the_value_and_the_rule(string name, object? value, string message)
    {
        var request = new Flux2ProRequest { Prompt = "x" };

        var error = Assert.ThrowsAny<ArgumentException>(() => request.SetParameter(name, value));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(new Flux2ProRequest { Prompt = "x" }, request); // nothing changed, not even an empty options record
    }

    [Fact]
    public void An_unknown_name_cannot_be_read()
    {
        var error = Assert.Throws<ArgumentException>(() => new Flux2ProRequest { Prompt = "x" }.GetParameter("colour"));

        Assert.Contains("'colour' is not a parameter of flux-2-pro", error.Message, StringComparison.Ordinal);
    }
}

using FluxSpecs.Models.Flux2Pro;
using Dev = FluxSpecs.Models.Flux2Dev;

namespace FluxSpecs.Tests.Validation;

/// <summary>
/// <c>Validate(providerId)</c>: the model's rules plus the provider's narrower ones from the card, warnings for what a
/// provider drops, and the provider's own (extra) parameters.
/// </summary>
public sealed class ProviderRulesTests
{
    private static Flux2ProRequest CustomSize(int width, int height) =>
        SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = width, Height = height };

    [Fact]
    public void Magnific_narrows_the_size_to_1440_and_the_images_to_4()
    {
        var request = CustomSize(2000, 768) with { InputImages = SampleRequests.Images(5) };
        Assert.True(request.Validate().IsValid);

        var violations = request.Validate(ProviderIds.Magnific).Violations;

        Assert.Equal([("input_images", ViolationRules.MaxItems, "5"), ("width", ViolationRules.Max, "2000")], violations.Select(v => (v.Parameter, v.Rule, v.Value)));
        Assert.All(violations, v => Assert.Equal("magnific", v.Provider));
        Assert.All(violations, v => Assert.StartsWith("magnific: ", v.Message, StringComparison.Ordinal));
        Assert.Equal("magnific: input_images may hold at most 4 items, but holds 5.", violations[0].Message);
        Assert.Equal("magnific: width must be at most 1440, but is 2000.", violations[1].Message);
    }

    [Fact]
    public void Magnific_accepts_jpeg_png_and_webp_images_only()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = ["https://images.example.com/a.png", "https://images.example.com/b.gif"] };

        var violation = Assert.Single(request.Validate(ProviderIds.Magnific).Violations);

        Assert.Equal("input_images[1]", violation.Parameter);
        Assert.Equal(ViolationRules.Format, violation.Rule);
        Assert.Equal("gif", violation.Value);
        Assert.Equal("magnific", violation.Provider);
        Assert.Equal("magnific: input_images[1] must be jpeg, png, webp, but is gif (https://images.example.com/b.gif).", violation.Message);
    }

    [Fact]
    public void Magnific_offers_no_resolution_above_1_megapixel()
    {
        var request = SampleRequests.MinimalPro() with { Resolution = Flux2ProResolution.TwoMegapixels };

        var violation = Assert.Single(request.Validate(ProviderIds.Magnific).Violations);

        Assert.Equal("resolution", violation.Parameter);
        Assert.Equal(ViolationRules.Values, violation.Rule);
        Assert.Equal("2 MP", violation.Value);
        Assert.Equal("magnific: resolution must be one of match_input_image, 0.5 MP, 1 MP, but is 2 MP.", violation.Message);
    }

    [Fact]
    public void Bfl_accepts_a_safety_tolerance_up_to_5()
    {
        Assert.True((SampleRequests.MinimalPro() with { SafetyTolerance = 0 }).Validate(ProviderIds.Bfl).IsValid);

        var violation = Assert.Single((SampleRequests.MinimalPro() with { SafetyTolerance = 6 }).Validate(ProviderIds.Bfl).Violations);

        Assert.Equal("safety_tolerance", violation.Parameter);
        Assert.Equal(ViolationRules.Max, violation.Rule);
        Assert.Equal("6", violation.Value);
        Assert.Equal("bfl", violation.Provider);
        Assert.Equal("bfl: safety_tolerance must be at most 5, but is 6.", violation.Message);
    }

    [Theory]
    [InlineData(ProviderIds.Replicate)]
    [InlineData(ProviderIds.CoreToday)]
    [InlineData(ProviderIds.Fal)]
    [InlineData(ProviderIds.Lumenfall)]
    public void Providers_that_start_at_1_reject_a_safety_tolerance_of_0(string provider)
    {
        var violation = Assert.Single((SampleRequests.MinimalPro() with { SafetyTolerance = 0 }).Validate(provider).Violations);

        Assert.Equal(ViolationRules.Min, violation.Rule);
        Assert.Equal(provider, violation.Provider);
        Assert.Equal($"{provider}: safety_tolerance must be at least 1, but is 0.", violation.Message);
    }

    [Fact]
    public void Bfl_does_not_offer_webp_output()
    {
        var request = SampleRequests.MinimalPro() with { OutputFormat = Flux2ProOutputFormat.Webp };

        var violation = Assert.Single(request.Validate(ProviderIds.Bfl).Violations);

        Assert.Equal("output_format", violation.Parameter);
        Assert.Equal(ViolationRules.Values, violation.Rule);
        Assert.Equal("webp", violation.Value);
        Assert.Equal("bfl", violation.Provider);
        Assert.Equal("bfl: output_format must be one of jpeg, png, but is webp.", violation.Message);
    }

    [Fact]
    public void Replicate_accepts_webp_but_not_avif_output()
    {
        Assert.True((SampleRequests.MinimalPro() with { OutputFormat = Flux2ProOutputFormat.Webp }).Validate(ProviderIds.Replicate).IsValid);

        var violation = Assert.Single((SampleRequests.MinimalPro() with { OutputFormat = Flux2ProOutputFormat.Avif }).Validate(ProviderIds.Replicate).Violations);

        Assert.Equal("replicate: output_format must be one of jpeg, png, webp, but is avif.", violation.Message);
    }

    [Fact]
    public void Replicate_rounds_to_32_pixels_and_the_message_names_992_for_1000()
    {
        var violations = CustomSize(1000, 768).Validate(ProviderIds.Replicate).Violations;

        Assert.Equal(2, violations.Count);
        Assert.Null(violations[0].Provider);
        Assert.Equal("width must be a multiple of 16, but is 1000 (the provider would use 1008).", violations[0].Message);
        Assert.Equal("width", violations[1].Parameter);
        Assert.Equal(ViolationRules.MultipleOf, violations[1].Rule);
        Assert.Equal("1000", violations[1].Value);
        Assert.Equal("replicate", violations[1].Provider);
        Assert.Equal("replicate: width must be a multiple of 32, but is 1000 (the provider would use 992).", violations[1].Message);
    }

    [Fact]
    public void A_16_pixel_multiple_is_valid_for_the_model_but_not_for_replicate()
    {
        var request = CustomSize(1008, 768);
        Assert.True(request.Validate().IsValid);

        var violation = Assert.Single(request.Validate(ProviderIds.Replicate).Violations);

        Assert.Equal("replicate: width must be a multiple of 32, but is 1008 (the provider would use 1024).", violation.Message);
    }

    [Fact]
    public void Vtrix_rejects_a_width_off_its_32_pixel_step_instead_of_rounding()
    {
        var violation = Assert.Single(CustomSize(1008, 768).Validate(ProviderIds.Vtrix).Violations);

        Assert.Equal("vtrix", violation.Provider);
        Assert.Equal(ViolationRules.MultipleOf, violation.Rule);
        Assert.Equal("vtrix: width must be a multiple of 32, but is 1008 (the provider rejects it).", violation.Message);
    }

    [Fact]
    public void Replicate_needs_at_least_256_pixels_where_the_model_allows_64()
    {
        var violation = Assert.Single(CustomSize(1024, 128).Validate(ProviderIds.Replicate).Violations);

        Assert.Equal("height", violation.Parameter);
        Assert.Equal("replicate: height must be at least 256, but is 128.", violation.Message);
    }

    [Fact]
    public void Model_and_provider_violations_are_reported_together()
    {
        var request = CustomSize(2000, 768) with { OutputQuality = 101 };

        var violations = request.Validate(ProviderIds.Magnific).Violations;

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v is { Parameter: "output_quality", Rule: ViolationRules.Max, Provider: null });
        Assert.Contains(violations, v => v is { Parameter: "width", Rule: ViolationRules.Max, Provider: "magnific" });
    }

    [Fact]
    public void Replicate_narrows_dev_sizes_to_1440_pixels()
    {
        var request = new Dev.Flux2DevRequest { Prompt = "A red fox", AspectRatio = Dev.Flux2DevAspectRatio.Custom, Width = 2048, Height = 1024 };
        Assert.True(request.Validate().IsValid);

        var violation = Assert.Single(request.Validate(ProviderIds.Replicate).Violations);

        Assert.Equal("replicate: width must be at most 1440, but is 2048.", violation.Message);
    }

    [Fact]
    public void A_parameter_the_provider_drops_is_a_warning_and_the_request_stays_valid()
    {
        var request = SampleRequests.MinimalPro() with { OutputQuality = 90 };

        var result = request.Validate(ProviderIds.Bfl);

        Assert.True(result.IsValid);
        Assert.Empty(result.Violations);
        Assert.Equal(["bfl does not accept output_quality; it will not be sent."], result.Warnings);
    }

    [Fact]
    public void Magnific_warns_about_each_parameter_it_drops()
    {
        var request = SampleRequests.ValidPro() with { InputImages = null, Width = null, Height = null };

        var result = request.Validate(ProviderIds.Magnific);

        Assert.True(result.IsValid);
        Assert.Equal(
            [
                "magnific does not accept safety_tolerance; it will not be sent.",
                "magnific does not accept output_format; it will not be sent.",
                "magnific does not accept output_quality; it will not be sent.",
            ],
            result.Warnings);
    }

    [Fact]
    public void A_provider_that_does_not_offer_the_model_is_a_violation_listing_the_providers_that_do()
    {
        var violation = Assert.Single(SampleRequests.MinimalPro().Validate("nonexistent").Violations);

        Assert.Equal("provider", violation.Parameter);
        Assert.Equal(ViolationRules.Provider, violation.Rule);
        Assert.Equal("nonexistent", violation.Value);
        Assert.Equal(
            "flux-2-pro is not offered by 'nonexistent'; it is offered by: replicate, core-today, bfl, vtrix, fal, magnific, lumenfall, local.",
            violation.Message);
    }

    [Fact]
    public void Bfl_does_not_offer_flux_2_dev()
    {
        var request = new Dev.Flux2DevRequest { Prompt = "A red fox in the snow" };

        var violation = Assert.Single(request.Validate(ProviderIds.Bfl).Violations);

        Assert.Equal(ViolationRules.Provider, violation.Rule);
        Assert.Equal("flux-2-dev is not offered by 'bfl'; it is offered by: replicate, core-today, fal, lumenfall, local.", violation.Message);
    }

    [Fact]
    public void Provider_ids_are_case_sensitive()
    {
        var violation = Assert.Single(SampleRequests.MinimalPro().Validate("BFL").Violations);

        Assert.Equal(ViolationRules.Provider, violation.Rule);
    }

    [Fact]
    public void The_local_emulator_applies_only_the_model_rules()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = SampleRequests.Images(9),
            SafetyTolerance = 6,
            OutputFormat = Flux2ProOutputFormat.Avif,
            PromptUpsampling = true,
        };
        Assert.False(request.Validate(ProviderIds.Replicate).IsValid);

        Assert.Same(ValidationResult.Valid, request.Validate(ProviderIds.Local));
    }

    [Fact]
    public void The_local_emulator_still_reports_model_violations()
    {
        var violation = Assert.Single((SampleRequests.MinimalPro() with { SafetyTolerance = 9 }).Validate(ProviderIds.Local).Violations);

        Assert.Null(violation.Provider);
        Assert.Equal("safety_tolerance must be at most 6, but is 9.", violation.Message);
    }

    [Fact]
    public void Options_for_another_provider_are_a_warning_that_they_are_not_sent()
    {
        var request = SampleRequests.MinimalPro() with { Bfl = new Flux2ProBflOptions { WebhookUrl = "https://hooks.example.com/bfl" } };

        var result = request.Validate(ProviderIds.Replicate);

        Assert.True(result.IsValid);
        Assert.Equal(["Bfl options are for bfl and are not sent to replicate."], result.Warnings);
    }

    [Fact]
    public void Options_for_the_provider_itself_raise_no_warning()
    {
        var request = SampleRequests.MinimalPro() with { Bfl = new Flux2ProBflOptions { WebhookUrl = "https://hooks.example.com/bfl" } };

        Assert.Same(ValidationResult.Valid, request.Validate(ProviderIds.Bfl));
    }

    [Fact]
    public void A_bfl_webhook_url_longer_than_2083_characters_is_rejected_for_bfl()
    {
        var url = "https://hooks.example.com/" + new string('a', 2084 - "https://hooks.example.com/".Length);
        var request = SampleRequests.MinimalPro() with { Bfl = new Flux2ProBflOptions { WebhookUrl = url } };

        var violation = Assert.Single(request.Validate(ProviderIds.Bfl).Violations);

        Assert.Equal("webhook_url", violation.Parameter);
        Assert.Equal(ViolationRules.MaxLength, violation.Rule);
        Assert.Equal("bfl", violation.Provider);
        Assert.Equal("bfl: webhook_url must be at most 2083 characters long, but has 2084.", violation.Message);
        Assert.NotNull(violation.Value);
        Assert.StartsWith("https://hooks.example.com/", violation.Value, StringComparison.Ordinal);
        Assert.EndsWith("...", violation.Value, StringComparison.Ordinal);
        Assert.True(violation.Value.Length <= 40);
    }

    [Fact]
    public void A_bfl_webhook_url_of_exactly_2083_characters_is_accepted()
    {
        var url = "https://hooks.example.com/" + new string('a', 2083 - "https://hooks.example.com/".Length);

        Assert.True((SampleRequests.MinimalPro() with { Bfl = new Flux2ProBflOptions { WebhookUrl = url } }).Validate(ProviderIds.Bfl).IsValid);
    }

    [Fact]
    public void An_empty_bfl_webhook_url_is_too_short()
    {
        var request = SampleRequests.MinimalPro() with { Bfl = new Flux2ProBflOptions { WebhookUrl = "" } };

        var violation = Assert.Single(request.Validate(ProviderIds.Bfl).Violations);

        Assert.Equal(ViolationRules.MinLength, violation.Rule);
        Assert.Equal("bfl: webhook_url must be at least 1 characters long, but has 0.", violation.Message);
    }

    [Fact]
    public void Provider_options_are_not_checked_for_the_model_or_for_other_providers()
    {
        var request = SampleRequests.MinimalPro() with { Bfl = new Flux2ProBflOptions { WebhookUrl = "" } };

        Assert.Same(ValidationResult.Valid, request.Validate());
        Assert.True(request.Validate(ProviderIds.Fal).IsValid);
    }

    [Fact]
    public void Lumenfall_options_are_checked_for_lumenfall()
    {
        var request = SampleRequests.MinimalPro() with { Lumenfall = new Flux2ProLumenfallOptions { OutputCompression = 101 } };

        var violation = Assert.Single(request.Validate(ProviderIds.Lumenfall).Violations);

        Assert.Equal("output_compression", violation.Parameter);
        Assert.Equal("lumenfall", violation.Provider);
        Assert.Equal("lumenfall: output_compression must be at most 100, but is 101.", violation.Message);
    }

    [Fact]
    public void Replicate_webhook_events_filter_holds_at_most_4_events()
    {
        var request = SampleRequests.MinimalPro() with
        {
            Replicate = new Flux2ProReplicateOptions
            {
                WebhookEventsFilter =
                [
                    Flux2ProReplicateWebhookEventsFilter.Start,
                    Flux2ProReplicateWebhookEventsFilter.Output,
                    Flux2ProReplicateWebhookEventsFilter.Logs,
                    Flux2ProReplicateWebhookEventsFilter.Completed,
                    Flux2ProReplicateWebhookEventsFilter.Completed,
                ],
            },
        };

        var violation = Assert.Single(request.Validate(ProviderIds.Replicate).Violations);

        Assert.Equal("replicate: webhook_events_filter may hold at most 4 items, but holds 5.", violation.Message);
    }

    [Fact]
    public void Fal_dev_options_out_of_range_are_checked_for_fal()
    {
        var request = new Dev.Flux2DevRequest
        {
            Prompt = "A red fox in the snow",
            ImageCount = 5,
            Fal = new Dev.Flux2DevFalOptions { GuidanceScale = 25, NumInferenceSteps = 3 },
        };

        var violations = request.Validate(ProviderIds.Fal).Violations;

        Assert.Equal(
            [
                "fal: image_count must be at most 4, but is 5.",
                "fal: guidance_scale must be at most 20, but is 25.",
                "fal: num_inference_steps must be at least 4, but is 3.",
            ],
            violations.Select(v => v.Message));
        Assert.All(violations, v => Assert.Equal("fal", v.Provider));
        Assert.Equal(["image_count", "guidance_scale", "num_inference_steps"], violations.Select(v => v.Parameter));
    }

    [Fact]
    public void A_fractional_fal_guidance_scale_is_printed_exactly()
    {
        var request = new Dev.Flux2DevRequest { Prompt = "A red fox", Fal = new Dev.Flux2DevFalOptions { GuidanceScale = 20.25 } };

        var violation = Assert.Single(request.Validate(ProviderIds.Fal).Violations);

        Assert.Equal("20.25", violation.Value);
        Assert.Equal("fal: guidance_scale must be at most 20, but is 20.25.", violation.Message);
    }

    [Fact]
    public void A_fal_guidance_scale_that_is_not_a_number_is_rejected()
    {
        var request = new Dev.Flux2DevRequest { Prompt = "A red fox", Fal = new Dev.Flux2DevFalOptions { GuidanceScale = double.NaN } };

        var violation = Assert.Single(request.Validate(ProviderIds.Fal).Violations);

        Assert.Equal("guidance_scale", violation.Parameter);
        Assert.Equal(ViolationRules.Min, violation.Rule);
        Assert.Equal("NaN", violation.Value);
        Assert.Equal("fal: guidance_scale must be at least 0, but is NaN.", violation.Message);
    }

    [Fact]
    public void Fal_narrows_dev_sizes_to_512_pixels_and_more()
    {
        var request = new Dev.Flux2DevRequest
        {
            Prompt = "A red fox",
            AspectRatio = Dev.Flux2DevAspectRatio.Custom,
            Width = 256,
            Height = 1024,
        };
        Assert.True(request.Validate().IsValid);

        var violation = Assert.Single(request.Validate(ProviderIds.Fal).Violations);

        Assert.Equal("fal: width must be at least 512, but is 256.", violation.Message);
    }
}

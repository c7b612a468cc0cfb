using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// A request valid for the model but not for a provider is rejected before anything is produced: CreatePayload throws
/// <see cref="RequestValidationException"/> listing every violation, each naming the provider and the rule.
/// </summary>
public sealed class ProviderLimitTests
{
    [Fact]
    public void Five_images_and_width_2000_on_magnific_are_both_reported_and_nothing_is_produced()
    {
        var request = SampleRequests.MinimalPro() with
        {
            InputImages = [.. Enumerable.Repeat(ImageInput.FromBytes(SampleRequests.PngBytes), 5)],
            AspectRatio = Flux2ProAspectRatio.Custom,
            Width = 2000,
            Height = 768,
        };
        Assert.True(request.Validate().IsValid);

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Magnific));

        Assert.Equal(
            [("input_images", ViolationRules.MaxItems, "magnific"), ("width", ViolationRules.Max, "magnific")],
            error.Violations.Select(v => (v.Parameter, v.Rule, v.Provider)));
        Assert.Equal(request.Validate(ProviderIds.Magnific).Violations, error.Violations);
        Assert.Contains("magnific: input_images may hold at most 4 items, but holds 5.", error.Message, StringComparison.Ordinal);
        Assert.Contains("magnific: width must be at most 1440, but is 2000.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Webp_on_bfl_is_rejected_naming_bfl_and_the_values_rule()
    {
        var request = SampleRequests.MinimalPro() with { OutputFormat = Flux2ProOutputFormat.Webp };

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Bfl));

        var violation = Assert.Single(error.Violations);
        Assert.Equal(("output_format", ViolationRules.Values, "bfl"), (violation.Parameter, violation.Rule, violation.Provider));
        Assert.Equal("bfl: output_format must be one of jpeg, png, but is webp.", violation.Message);
    }

    [Fact]
    public void A_width_off_vtrix_step_is_rejected_although_bfl_accepts_it()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1008, Height = 768 };

        Assert.NotNull(request.CreatePayload(ProviderIds.Bfl));
        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Vtrix));

        Assert.Equal("vtrix: width must be a multiple of 32, but is 1008 (the provider rejects it).", Assert.Single(error.Violations).Message);
    }

    [Fact]
    public void A_parameter_the_provider_rejects_rather_than_drops_is_a_violation()
    {
        // Lumenfall drops prompt_upsampling with a warning; model rules still apply everywhere.
        var request = SampleRequests.MinimalPro() with { SafetyTolerance = 7 };

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Lumenfall));

        Assert.Equal(["safety_tolerance must be at most 6, but is 7.", "lumenfall: safety_tolerance must be at most 5, but is 7."], error.Violations.Select(v => v.Message));
    }

    [Fact]
    public void A_provider_that_does_not_offer_the_model_is_the_same_exception()
    {
        var error = Assert.Throws<RequestValidationException>(() => SampleRequests.MinimalPro().CreatePayload("midjourney"));

        var violation = Assert.Single(error.Violations);
        Assert.Equal(ViolationRules.Provider, violation.Rule);
        Assert.Equal("flux-2-pro is not offered by 'midjourney'; it is offered by: replicate, core-today, bfl, vtrix, fal, magnific, lumenfall, local.", violation.Message);
    }

    [Fact]
    public void Bfl_does_not_sell_flux_2_dev()
    {
        var request = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "A red fox in the snow" };

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Bfl));

        Assert.Equal("provider", Assert.Single(error.Violations).Parameter);
    }

    [Fact]
    public void Local_has_no_payload_of_its_own()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleRequests.MinimalPro().CreatePayload(ProviderIds.Local));

        Assert.Equal("providerId", error.ParamName);
        Assert.Contains("'local'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the provider whose protocol it should emulate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_provider_id_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => SampleRequests.MinimalPro().CreatePayload(null!));
    }
}

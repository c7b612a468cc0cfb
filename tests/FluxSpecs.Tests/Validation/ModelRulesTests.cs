using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Validation;

/// <summary>The model's own rules from specs/flux-2-pro.model.yaml, checked by <c>Validate()</c>.</summary>
public sealed class ModelRulesTests
{
    [Fact]
    public void A_request_that_keeps_every_rule_is_valid_and_returns_the_shared_valid_result()
    {
        var result = SampleRequests.ValidPro().Validate();

        Assert.True(result.IsValid);
        Assert.Empty(result.Violations);
        Assert.Empty(result.Warnings);
        Assert.Same(ValidationResult.Valid, result);
        Assert.Equal("valid", result.ToString());
    }

    [Fact]
    public void A_request_with_only_a_prompt_is_valid()
    {
        Assert.Same(ValidationResult.Valid, SampleRequests.MinimalPro().Validate());
    }

    [Fact]
    public void A_valid_request_is_valid_for_a_provider_too_and_gets_the_shared_result()
    {
        // prompt_upsampling is left out: Replicate drops it, and that is a warning.
        var request = SampleRequests.ValidPro() with { PromptUpsampling = null };

        Assert.Same(ValidationResult.Valid, request.Validate(ProviderIds.Replicate));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_blank_prompt_is_required(string prompt)
    {
        var request = SampleRequests.ValidPro() with { Prompt = prompt };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("prompt", violation.Parameter);
        Assert.Equal(ViolationRules.Required, violation.Rule);
        Assert.Equal(prompt, violation.Value);
        Assert.Null(violation.Provider);
        Assert.Equal("prompt is required and must not be empty.", violation.Message);
    }

    [Fact]
    public void An_empty_prompt_is_reported_as_required()
    {
        var request = SampleRequests.ValidPro() with { Prompt = "" };

        var violations = request.Validate().Violations;

        Assert.Contains(violations, v => v.Parameter == "prompt" && v.Rule == ViolationRules.Required);
        Assert.All(violations, v => Assert.Equal("prompt", v.Parameter));
    }

    [Fact]
    public void A_width_above_the_maximum_names_the_maximum_and_the_value()
    {
        // flux-2-dev's model keeps a 2048 side limit (flux-2-pro's has none: its pixel budget bounds the size).
        var request = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", AspectRatio = FluxSpecs.Models.Flux2Dev.Flux2DevAspectRatio.Custom, Width = 3008, Height = 1024 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("width", violation.Parameter);
        Assert.Equal(ViolationRules.Max, violation.Rule);
        Assert.Equal("3008", violation.Value);
        Assert.Null(violation.Provider);
        Assert.Equal("width must be at most 2048, but is 3008.", violation.Message);
    }

    [Fact]
    public void A_width_of_3000_is_both_too_large_and_not_a_multiple_of_16()
    {
        var request = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", AspectRatio = FluxSpecs.Models.Flux2Dev.Flux2DevAspectRatio.Custom, Width = 3000, Height = 1024 };

        var violations = request.Validate().Violations;

        Assert.Equal([(ViolationRules.Max, "3000"), (ViolationRules.MultipleOf, "3000")], violations.Select(v => (v.Rule, v.Value)));
        Assert.All(violations, v => Assert.Equal("width", v.Parameter));
    }

    [Fact]
    public void A_width_below_the_minimum_names_the_minimum()
    {
        var request = SampleRequests.ValidPro() with { Width = 48 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal(ViolationRules.Min, violation.Rule);
        Assert.Equal("width must be at least 64, but is 48.", violation.Message);
    }

    [Theory]
    [InlineData(999, 992)]
    [InlineData(1001, 1008)]
    [InlineData(1000, 1008)] // halfway between 992 and 1008: rounds away from zero
    public void A_width_off_the_16_pixel_step_names_the_size_the_provider_would_round_to(int width, int roundedTo)
    {
        var request = SampleRequests.ValidPro() with { Width = width };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("width", violation.Parameter);
        Assert.Equal(ViolationRules.MultipleOf, violation.Rule);
        Assert.Equal(width.ToString(System.Globalization.CultureInfo.InvariantCulture), violation.Value);
        Assert.Equal($"width must be a multiple of 16, but is {width} (the provider would use {roundedTo}).", violation.Message);
    }

    [Fact]
    public void A_height_off_the_step_is_reported_on_height()
    {
        var request = SampleRequests.ValidPro() with { Height = 770 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("height", violation.Parameter);
        Assert.Equal("height must be a multiple of 16, but is 770 (the provider would use 768).", violation.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Safety_tolerance_accepts_the_union_of_the_providers_range(int tolerance)
    {
        Assert.True((SampleRequests.ValidPro() with { SafetyTolerance = tolerance }).Validate().IsValid);
    }

    [Fact]
    public void A_safety_tolerance_of_9_is_above_the_maximum_of_6()
    {
        var request = SampleRequests.ValidPro() with { SafetyTolerance = 9 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("safety_tolerance", violation.Parameter);
        Assert.Equal(ViolationRules.Max, violation.Rule);
        Assert.Equal("9", violation.Value);
        Assert.Equal("safety_tolerance must be at most 6, but is 9.", violation.Message);
    }

    [Fact]
    public void Nine_images_are_allowed_but_ten_are_too_many()
    {
        Assert.True((SampleRequests.ValidPro() with { InputImages = SampleRequests.Images(9) }).Validate().IsValid);

        var violation = Assert.Single((SampleRequests.ValidPro() with { InputImages = SampleRequests.Images(10) }).Validate().Violations);

        Assert.Equal("input_images", violation.Parameter);
        Assert.Equal(ViolationRules.MaxItems, violation.Rule);
        Assert.Equal("10", violation.Value);
        Assert.Equal("input_images may hold at most 9 items, but holds 10.", violation.Message);
    }

    [Fact]
    public void A_bmp_image_url_is_reported_on_its_index()
    {
        var images = SampleRequests.Images(3).ToList();
        images[2] = "https://images.example.com/scan.bmp";
        var request = SampleRequests.ValidPro() with { InputImages = images };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("input_images[2]", violation.Parameter);
        Assert.Equal(ViolationRules.Format, violation.Rule);
        Assert.Equal("bmp", violation.Value);
        Assert.Null(violation.Provider);
        Assert.Equal("input_images[2] must be jpeg, png, gif, webp, but is bmp (https://images.example.com/scan.bmp).", violation.Message);
    }

    [Fact]
    public void A_bmp_data_uri_is_reported_by_its_sniffed_format_without_dumping_its_bytes()
    {
        ImageInput bmp = SampleRequests.DataUri("image/bmp", SampleRequests.BmpBytes);
        var request = SampleRequests.ValidPro() with { InputImages = [SampleRequests.Images(1)[0], bmp] };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("input_images[1]", violation.Parameter);
        Assert.Equal(ViolationRules.Format, violation.Rule);
        Assert.Equal("bmp", violation.Value);
        Assert.Equal("input_images[1] must be jpeg, png, gif, webp, but is bmp (<14 bytes, bmp>).", violation.Message);
    }

    [Fact]
    public void A_data_uri_whose_bytes_are_not_the_format_it_claims_is_refused()
    {
        // The media type claims PNG; the magic bytes say BMP.
        ImageInput bmp = SampleRequests.DataUri("image/png", SampleRequests.BmpBytes);
        var request = SampleRequests.ValidPro() with { InputImages = [SampleRequests.Images(1)[0], bmp] };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("input_images[1]", violation.Parameter);
        Assert.Equal(ViolationRules.Content, violation.Rule);
        Assert.Equal("input_images[1] claims to be png, but its bytes are bmp (<14 bytes, bmp>).", violation.Message);
    }

    [Fact]
    public void An_image_whose_format_is_unknown_is_not_rejected()
    {
        var request = SampleRequests.ValidPro() with { InputImages = ["https://images.example.com/render?id=7"] };

        Assert.True(request.Validate().IsValid);
    }

    [Theory]
    [InlineData(-1L, ViolationRules.Min, "seed must be at least 0, but is -1.")]
    [InlineData(4294967296L, ViolationRules.Max, "seed must be at most 4294967295, but is 4294967296.")]
    public void A_seed_outside_the_unsigned_32_bit_range_is_rejected(long seed, string rule, string message)
    {
        var request = SampleRequests.ValidPro() with { Seed = seed };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("seed", violation.Parameter);
        Assert.Equal(rule, violation.Rule);
        Assert.Equal(message, violation.Message);
    }

    [Fact]
    public void The_largest_seed_is_accepted()
    {
        Assert.True((SampleRequests.ValidPro() with { Seed = 4294967295L }).Validate().IsValid);
    }

    [Fact]
    public void An_output_quality_of_minus_one_is_below_the_minimum()
    {
        var request = SampleRequests.ValidPro() with { OutputQuality = -1 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("output_quality", violation.Parameter);
        Assert.Equal(ViolationRules.Min, violation.Rule);
        Assert.Equal("-1", violation.Value);
        Assert.Equal("output_quality must be at least 0, but is -1.", violation.Message);
    }
}

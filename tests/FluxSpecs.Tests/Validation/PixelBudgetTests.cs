using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Validation;

/// <summary>
/// The card's pixel budget, a rule across width and height: BFL takes any size up to 4 MP (4,194,304 px) in multiples
/// of 16, so 2560×1536 is valid there while the other providers keep their side limits; 2560×2048 is refused.
/// </summary>
public sealed class PixelBudgetTests
{
    private static Flux2ProRequest Custom(int width, int height) =>
        new() { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = width, Height = height };

    [Fact]
    public void A_size_within_four_megapixels_is_valid_on_bfl_though_a_side_is_over_2048()
    {
        Assert.True(Custom(2560, 1536).Validate("bfl").IsValid);
        Assert.True(Custom(2560, 1536).Validate().IsValid);
    }

    [Fact]
    public void Other_providers_keep_their_side_limits()
    {
        Assert.Contains(Custom(2560, 1536).Validate("replicate").Violations, v => v is { Parameter: "width", Rule: ViolationRules.Max });
        Assert.Contains(Custom(2560, 1536).Validate("fal").Violations, v => v is { Parameter: "width", Rule: ViolationRules.Max });
    }

    [Fact]
    public void A_size_over_the_budget_is_one_violation_naming_both_parameters_the_values_the_product_and_the_rule()
    {
        var result = Custom(2560, 2048).Validate("bfl");

        Assert.False(result.IsValid);
        var violations = result.Violations.Where(v => v.Rule == ViolationRules.MaxPixels).ToList();
        Assert.Equal(2, violations.Count); // the model's budget, and BFL's own
        var model = violations.Single(v => v.Provider is null);
        Assert.Equal("width×height", model.Parameter);
        Assert.Equal("2560×2048", model.Value);
        Assert.Equal("width × height must be at most 4194304 pixels (4 MP), but 2560 × 2048 is 5242880.", model.Message);
        Assert.Equal("bfl: width × height must be at most 4194304 pixels (4 MP), but 2560 × 2048 is 5242880.", violations.Single(v => v.Provider == "bfl").Message);
        Assert.DoesNotContain(result.Violations, v => v.Rule == ViolationRules.Max); // each side alone is fine
    }

    [Fact]
    public void Exactly_the_budget_is_valid_and_one_step_more_is_not()
    {
        Assert.True(Custom(2048, 2048).Validate("bfl").IsValid);
        Assert.Contains(Custom(2048, 2064).Validate("bfl").Violations, v => v.Rule == ViolationRules.MaxPixels);
    }

    [Fact]
    public void The_descriptors_carry_the_budget_for_describe_and_the_emulator()
    {
        Assert.Equal(new FluxSpecs.Catalog.PixelBudget("width", "height", 4_194_304), Flux2ProModel.Descriptor.PixelBudget);
        Assert.Equal(4_194_304, Flux2ProModel.Descriptor.FindProvider("bfl")!.PixelBudget!.MaxPixels);
        Assert.Null(Flux2ProModel.Descriptor.FindProvider("replicate")!.PixelBudget);
    }

    [Fact]
    public void Pricing_2560_by_1536_on_bfl_counts_four_megapixels()
    {
        var estimate = Custom(2560, 1536).EstimatePrice("bfl");

        Assert.Equal(new ImageSize(2560, 1536), estimate.OutputSize);
        Assert.Equal(7.5m, estimate.Credits); // 3,932,160 px = 3.75 MP, rounded up to 4: 3 + 3 × 1.5 credits
        Assert.Equal(0.075m, estimate.AmountUsd);
    }

    [Fact]
    public void A_four_megapixel_tier_on_bfl_is_no_longer_held_to_2048_a_side()
    {
        var request = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Landscape16x9, Resolution = Flux2ProResolution.FourMegapixels };

        var size = request.OutputSize("bfl")!.Value;

        Assert.True((long)size.Width * size.Height <= 4_194_304);
        Assert.True(size.Width > 2048, $"{size.Width}×{size.Height}");
        Assert.Equal(new ImageSize(2048, 1152), request.OutputSize("replicate")); // Replicate's 2048 maximum still applies
    }
}

using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Validation;

/// <summary>
/// <c>applies_when</c> (width and height only with a custom aspect ratio) and <c>applies_unless</c> (no resolution with
/// a custom aspect ratio), judged on the effective value: the given one, or the card's default.
/// </summary>
public sealed class ApplicabilityTests
{
    [Fact]
    public void Width_without_an_aspect_ratio_does_not_apply_because_the_default_is_1_1()
    {
        var request = SampleRequests.MinimalPro() with { Width = 1024 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("width", violation.Parameter);
        Assert.Equal(ViolationRules.AppliesWhen, violation.Rule);
        Assert.Equal("1024", violation.Value);
        Assert.Null(violation.Provider);
        Assert.Equal("width only applies when aspect_ratio is custom, but aspect_ratio is 1:1.", violation.Message);
    }

    [Fact]
    public void Height_with_another_aspect_ratio_names_that_aspect_ratio()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Landscape16x9, Height = 768 };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("height", violation.Parameter);
        Assert.Equal(ViolationRules.AppliesWhen, violation.Rule);
        Assert.Equal("height only applies when aspect_ratio is custom, but aspect_ratio is 16:9.", violation.Message);
    }

    [Fact]
    public void Width_and_height_with_a_custom_aspect_ratio_are_valid()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1536, Height = 1024 };

        Assert.Same(ValidationResult.Valid, request.Validate());
    }

    [Fact]
    public void A_custom_aspect_ratio_without_a_size_is_valid()
    {
        Assert.True((SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom }).Validate().IsValid);
    }

    [Fact]
    public void Resolution_with_a_custom_aspect_ratio_does_not_apply()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Resolution = Flux2ProResolution.TwoMegapixels };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal("resolution", violation.Parameter);
        Assert.Equal(ViolationRules.AppliesUnless, violation.Rule);
        Assert.Equal("2 MP", violation.Value);
        Assert.Null(violation.Provider);
        Assert.Equal("resolution does not apply when aspect_ratio is custom, and aspect_ratio is custom.", violation.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Flux2ProAspectRatio.Square)]
    [InlineData(Flux2ProAspectRatio.MatchInputImage)]
    [InlineData(Flux2ProAspectRatio.Portrait9x16)]
    public void Resolution_with_any_other_aspect_ratio_is_valid(Flux2ProAspectRatio? aspectRatio)
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = aspectRatio, Resolution = Flux2ProResolution.FourMegapixels };

        Assert.True(request.Validate().IsValid);
    }

    [Fact]
    public void A_size_that_does_not_apply_is_still_checked_against_its_limits()
    {
        var request = SampleRequests.MinimalPro() with { Width = 40 };

        var violations = request.Validate().Violations;

        Assert.Equal(
            [ViolationRules.Min, ViolationRules.MultipleOf, ViolationRules.AppliesWhen],
            violations.Select(v => v.Rule));
        Assert.All(violations, v => Assert.Equal("width", v.Parameter));
    }
}

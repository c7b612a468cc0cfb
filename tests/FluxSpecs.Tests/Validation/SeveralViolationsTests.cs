using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Validation;

/// <summary>A request that breaks several rules gets every violation at once, in the card's parameter order.</summary>
public sealed class SeveralViolationsTests
{
    private static Flux2ProRequest BrokenEverywhere()
    {
        var images = SampleRequests.Images(10).ToList();
        images[9] = "https://images.example.com/last.bmp";
        return new Flux2ProRequest
        {
            Prompt = " ",
            InputImages = images,
            AspectRatio = Flux2ProAspectRatio.Custom,
            Resolution = Flux2ProResolution.TwoMegapixels,
            Width = 1000,
            Height = 48,
            Seed = -5,
            SafetyTolerance = 7,
            OutputQuality = 101,
        };
    }

    [Fact]
    public void Every_violation_is_listed_in_parameter_order()
    {
        var result = BrokenEverywhere().Validate();

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                ("prompt", ViolationRules.Required),
                ("input_images", ViolationRules.MaxItems),
                ("input_images[9]", ViolationRules.Format),
                ("resolution", ViolationRules.AppliesUnless),
                ("width", ViolationRules.MultipleOf),
                ("height", ViolationRules.Min),
                ("seed", ViolationRules.Min),
                ("safety_tolerance", ViolationRules.Max),
                ("output_quality", ViolationRules.Max),
            ],
            result.Violations.Select(v => (v.Parameter, v.Rule)));
        Assert.All(result.Violations, v => Assert.Null(v.Provider));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ThrowIfInvalid_throws_with_every_violation_and_says_nothing_was_sent()
    {
        var result = BrokenEverywhere().Validate();

        var exception = Assert.Throws<RequestValidationException>(result.ThrowIfInvalid);

        Assert.Same(result.Violations, exception.Violations);
        Assert.StartsWith("The request is invalid (9 violations); nothing was sent:", exception.Message, StringComparison.Ordinal);
        var lines = exception.Message.Split(Environment.NewLine);
        Assert.Equal(result.Violations.Select(v => "- " + v.Message), lines.Skip(1));
        Assert.Contains("- seed must be at least 0, but is -5.", lines);
        Assert.Contains("- width must be a multiple of 16, but is 1000 (the provider would use 1008).", lines);
    }

    [Fact]
    public void A_single_violation_is_counted_in_the_singular()
    {
        var result = (SampleRequests.MinimalPro() with { SafetyTolerance = 7 }).Validate();

        var exception = Assert.Throws<RequestValidationException>(result.ThrowIfInvalid);

        Assert.Equal(
            "The request is invalid (1 violation); nothing was sent:" + Environment.NewLine + "- safety_tolerance must be at most 6, but is 7.",
            exception.Message);
    }

    [Fact]
    public void ThrowIfInvalid_does_nothing_for_a_valid_request()
    {
        Assert.Null(Record.Exception(SampleRequests.ValidPro().Validate().ThrowIfInvalid));
    }

    [Fact]
    public void The_result_prints_one_message_per_line()
    {
        var result = BrokenEverywhere().Validate();

        Assert.Equal(result.Violations.Select(v => v.Message), result.ToString().Split(Environment.NewLine));
    }
}

using FluxSpecs.Errors;
using System.Globalization;
using FluxSpecs.Models.Flux2Pro;
using Dev = FluxSpecs.Models.Flux2Dev;

namespace FluxSpecs.Tests.Validation;

/// <summary>Violation values and messages are culture-invariant, whatever the current culture formats numbers like.</summary>
public sealed class CultureTests
{
    private static readonly CultureInfo Finnish = new("fi-FI");

    private static T InFinnish<T>(Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Finnish;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Finnish_really_formats_numbers_differently()
    {
        // Guards the tests below: with invariant globalization they would prove nothing.
        Assert.Equal("\u22121", (-1).ToString(Finnish));
        Assert.Equal("2,5", 2.5.ToString(Finnish));
    }

    [Fact]
    public void A_negative_value_is_written_with_an_ascii_minus()
    {
        var result = InFinnish(() => (SampleRequests.MinimalPro() with { OutputQuality = -1, Seed = -4294967296L }).Validate());

        Assert.Equal("-1", result.Violations[1].Value);
        Assert.Equal("seed must be at least 0, but is -4294967296.", result.Violations[0].Message);
        Assert.Equal("output_quality must be at least 0, but is -1.", result.Violations[1].Message);
    }

    [Fact]
    public void A_fraction_is_written_with_a_decimal_point()
    {
        var request = new Dev.Flux2DevRequest { Prompt = "A red fox", Fal = new Dev.Flux2DevFalOptions { GuidanceScale = 20.5 } };

        var violation = Assert.Single(InFinnish(() => request.Validate(ProviderIds.Fal)).Violations);

        Assert.Equal("20.5", violation.Value);
        Assert.Equal("fal: guidance_scale must be at most 20, but is 20.5.", violation.Message);
    }

    [Fact]
    public void The_exception_message_is_invariant_too()
    {
        var result = InFinnish(() => (SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = -100 }).Validate());

        var exception = Assert.Throws<RequestValidationException>(() => InFinnish(() =>
        {
            result.ThrowIfInvalid();
            return 0;
        }));

        Assert.DoesNotContain("\u2212", exception.Message, StringComparison.Ordinal);
        Assert.Contains("width must be at least 64, but is -100.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_of_a_request_is_invariant()
    {
        var request = new Dev.Flux2DevRequest { Prompt = "A red fox", Seed = 12345678, Fal = new Dev.Flux2DevFalOptions { GuidanceScale = 3.5 } };

        var text = InFinnish(request.ToString);

        Assert.Contains("Seed = 12345678", text, StringComparison.Ordinal);
        Assert.Contains("GuidanceScale = 3.5", text, StringComparison.Ordinal);
    }
}

using System.Globalization;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Requests;

/// <summary>The generated request type: enum wire strings, default constants and what <c>ToString()</c> shows.</summary>
public sealed class RequestTypeTests
{
    public static TheoryData<Flux2ProAspectRatio> AspectRatios() => [.. Enum.GetValues<Flux2ProAspectRatio>()];

    public static TheoryData<Flux2ProResolution> Resolutions() => [.. Enum.GetValues<Flux2ProResolution>()];

    public static TheoryData<Flux2ProOutputFormat> OutputFormats() => [.. Enum.GetValues<Flux2ProOutputFormat>()];

    [Theory]
    [MemberData(nameof(AspectRatios))]
    public void Every_aspect_ratio_round_trips_through_its_wire_string(Flux2ProAspectRatio value)
    {
        Assert.True(Flux2ProWireValues.TryParse(value.ToWireValue(), out Flux2ProAspectRatio parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void Every_resolution_round_trips_through_its_wire_string(Flux2ProResolution value)
    {
        Assert.True(Flux2ProWireValues.TryParse(value.ToWireValue(), out Flux2ProResolution parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [MemberData(nameof(OutputFormats))]
    public void Every_output_format_round_trips_through_its_wire_string(Flux2ProOutputFormat value)
    {
        Assert.True(Flux2ProWireValues.TryParse(value.ToWireValue(), out Flux2ProOutputFormat parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(Flux2ProAspectRatio.MatchInputImage, "match_input_image")]
    [InlineData(Flux2ProAspectRatio.Custom, "custom")]
    [InlineData(Flux2ProAspectRatio.Square, "1:1")]
    [InlineData(Flux2ProAspectRatio.Landscape16x9, "16:9")]
    [InlineData(Flux2ProAspectRatio.Portrait9x16, "9:16")]
    public void Aspect_ratios_use_the_cards_wire_strings(Flux2ProAspectRatio value, string wire)
    {
        Assert.Equal(wire, value.ToWireValue());
    }

    [Theory]
    [InlineData(Flux2ProResolution.HalfMegapixel, "0.5 MP")]
    [InlineData(Flux2ProResolution.OneMegapixel, "1 MP")]
    [InlineData(Flux2ProResolution.FourMegapixels, "4 MP")]
    public void Resolutions_use_the_cards_wire_strings(Flux2ProResolution value, string wire)
    {
        Assert.Equal(wire, value.ToWireValue());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Square")]
    [InlineData("1:1 ")]
    [InlineData("CUSTOM")]
    [InlineData("21:9")]
    public void Strings_that_are_not_wire_values_do_not_parse(string? wire)
    {
        Assert.False(Flux2ProWireValues.TryParse(wire, out Flux2ProAspectRatio value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void An_undefined_enum_value_has_no_wire_string()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Flux2ProAspectRatio)99).ToWireValue());
    }

    [Fact]
    public void Default_constants_equal_the_card_defaults()
    {
        Assert.Equal(Flux2ProAspectRatio.Square, Flux2ProRequest.DefaultAspectRatio);
        Assert.Equal(Flux2ProResolution.OneMegapixel, Flux2ProRequest.DefaultResolution);
        Assert.Equal(2, Flux2ProRequest.DefaultSafetyTolerance);
        Assert.Equal(Flux2ProOutputFormat.Jpeg, Flux2ProRequest.DefaultOutputFormat);
        Assert.Equal(80, Flux2ProRequest.DefaultOutputQuality);
        Assert.False(Flux2ProRequest.DefaultPromptUpsampling);
        Assert.Equal(FluxSpecs.Models.Flux2Dev.Flux2DevOutputFormat.Webp, FluxSpecs.Models.Flux2Dev.Flux2DevRequest.DefaultOutputFormat);
    }

    [Fact]
    public void Default_constants_agree_with_the_catalog()
    {
        var model = Flux2ProModel.Descriptor;

        Assert.Equal(model.FindParameter("aspect_ratio")?.Default, Flux2ProRequest.DefaultAspectRatio.ToWireValue());
        Assert.Equal(model.FindParameter("resolution")?.Default, Flux2ProRequest.DefaultResolution.ToWireValue());
        Assert.Equal(model.FindParameter("output_format")?.Default, Flux2ProRequest.DefaultOutputFormat.ToWireValue());
        Assert.Equal(model.FindParameter("safety_tolerance")?.Default, Flux2ProRequest.DefaultSafetyTolerance.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(model.FindParameter("output_quality")?.Default, Flux2ProRequest.DefaultOutputQuality.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(model.FindParameter("prompt_upsampling")?.Default, bool.FalseString.ToLowerInvariant());
        Assert.False(Flux2ProRequest.DefaultPromptUpsampling);
    }

    [Fact]
    public void Card_defaults_are_themselves_valid()
    {
        var request = SampleRequests.MinimalPro() with
        {
            AspectRatio = Flux2ProRequest.DefaultAspectRatio,
            Resolution = Flux2ProRequest.DefaultResolution,
            SafetyTolerance = Flux2ProRequest.DefaultSafetyTolerance,
            OutputFormat = Flux2ProRequest.DefaultOutputFormat,
            OutputQuality = Flux2ProRequest.DefaultOutputQuality,
            PromptUpsampling = Flux2ProRequest.DefaultPromptUpsampling,
        };

        Assert.True(request.Validate().IsValid);
    }

    [Fact]
    public void ToString_never_contains_the_bfl_webhook_secret()
    {
        const string secret = "whsec_9f8e7d6c5b4a";
        var request = SampleRequests.MinimalPro() with
        {
            Bfl = new Flux2ProBflOptions { WebhookUrl = "https://hooks.example.com/bfl", WebhookSecret = secret },
        };

        var text = request.ToString();

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains("WebhookSecret = ***", text, StringComparison.Ordinal);
        Assert.Contains("WebhookUrl = https://hooks.example.com/bfl", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, request.Bfl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_lists_print_as_a_count()
    {
        var request = SampleRequests.ValidPro();

        var text = request.ToString();

        Assert.Contains("InputImages = [8 images]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("images.example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_shows_the_parameters_that_are_set_and_leaves_out_the_rest()
    {
        var request = SampleRequests.MinimalPro() with { AspectRatio = Flux2ProAspectRatio.Custom, Width = 1024 };

        Assert.Equal("Flux2ProRequest { Prompt = A red fox in the snow, AspectRatio = Custom, Width = 1024 }", request.ToString());
    }

    [Fact]
    public void Requests_with_the_same_values_are_equal()
    {
        Assert.Equal(SampleRequests.MinimalPro() with { Seed = 7 }, SampleRequests.MinimalPro() with { Seed = 7 });
        Assert.NotEqual(SampleRequests.MinimalPro() with { Seed = 7 }, SampleRequests.MinimalPro() with { Seed = 8 });
    }
}

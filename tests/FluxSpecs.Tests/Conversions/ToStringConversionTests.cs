using System.Globalization;
using FluxSpecs.GeneratedCode;
using FluxSpecs.Models.Flux2Pro;
using Dev = FluxSpecs.Models.Flux2Dev;

namespace FluxSpecs.Tests.Conversions;

/// <summary><c>to_string</c> and every number a mapper writes use the invariant culture, whatever the current one is.</summary>
public sealed class ToStringConversionTests
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
    public void Numbers_and_booleans_become_invariant_strings()
    {
        Assert.Equal(["-2", "2.5", "true", "false"], InFinnish(() => new[]
        {
            ToStringConversion.Convert(-2),
            ToStringConversion.Convert(2.5),
            ToStringConversion.Convert(true),
            ToStringConversion.Convert(false),
        }));
    }

    [Fact]
    public void A_json_body_and_a_form_are_culture_invariant()
    {
        var json = InFinnish(() => new Dev.Flux2DevRequest { Prompt = "p", Fal = new Dev.Flux2DevFalOptions { GuidanceScale = 2.5 } }.CreatePayload(ProviderIds.Fal));
        var form = InFinnish(() => (SampleRequests.MinimalPro() with
        {
            InputImages = [ImageInput.FromBytes(SampleRequests.PngBytes)],
            AspectRatio = Flux2ProAspectRatio.Custom,
            Width = 1024,
            Height = 768,
            Seed = 12345,
        }).CreatePayload(ProviderIds.Lumenfall));

        Assert.Equal("""{"prompt":"p","guidance_scale":2.5}""", json.GetJsonText());
        Assert.Contains("size=1024x768", form.Parts!.Select(p => p.ToString()));
        Assert.Contains("seed=12345", form.Parts!.Select(p => p.ToString()));
    }
}

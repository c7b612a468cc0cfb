using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Requests;

/// <summary>
/// A value in a provider's own spelling is accepted for the model's value and normalised: the card's value maps read
/// backwards (Replicate's and core.today's <c>output_format: { jpeg: jpg }</c> makes <c>jpg</c> an alias of jpeg).
/// </summary>
public sealed class ProviderSpellingTests
{
    [Fact]
    public void A_provider_spelling_sets_the_model_value()
    {
        var request = Flux2ProModel.Descriptor.CreateRequest();

        request.SetParameter("prompt", "x");
        request.SetParameter("output_format", "jpg");

        Assert.Equal(Flux2ProOutputFormat.Jpeg, ((Flux2ProRequest)request).OutputFormat);
        Assert.Equal(Flux2ProOutputFormat.Jpeg, request.GetParameter("output_format"));
    }

    [Fact]
    public void The_parser_reads_aliases_and_the_model_spellings_alike()
    {
        Assert.True(Flux2ProWireValues.TryParse("jpg", out Flux2ProOutputFormat fromAlias));
        Assert.True(Flux2ProWireValues.TryParse("jpeg", out Flux2ProOutputFormat fromModel));
        Assert.Equal(Flux2ProOutputFormat.Jpeg, fromAlias);
        Assert.Equal(fromModel, fromAlias);

        // Lumenfall's 1K stands for 1 MP only; its auto stands for match_input_image in both aspect_ratio and resolution.
        Assert.True(Flux2ProWireValues.TryParse("1K", out Flux2ProResolution tier));
        Assert.Equal(Flux2ProResolution.OneMegapixel, tier);
        Assert.True(Flux2ProWireValues.TryParse("auto", out Flux2ProAspectRatio auto));
        Assert.Equal(Flux2ProAspectRatio.MatchInputImage, auto);
        Assert.False(Flux2ProWireValues.TryParse("jpe", out Flux2ProOutputFormat _));
    }

    [Fact]
    public void The_descriptor_lists_each_value_s_aliases()
    {
        var values = Flux2ProModel.Descriptor.FindParameter("output_format")!.Values;

        Assert.Equal(["jpg"], values.Single(v => v.Value == "jpeg").Aliases);
        Assert.Empty(values.Single(v => v.Value == "png").Aliases);
        Assert.True(values.Single(v => v.Value == "jpeg").Accepts("jpg"));
    }

    [Fact]
    public void A_spelling_that_is_no_value_of_the_card_is_still_an_error_naming_it()
    {
        var request = Flux2ProModel.Descriptor.CreateRequest();

        var error = Assert.Throws<ArgumentException>(() => request.SetParameter("output_format", "jpe"));

        Assert.Contains("output_format", error.Message, StringComparison.Ordinal);
        Assert.Contains("'jpe'", error.Message, StringComparison.Ordinal);
    }
}

using FluxSpecs.Errors;
using FluxSpecs.Models;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Pricing;
using FluxSpecs.Tests.Cards;

namespace FluxSpecs.Tests.Pricing;

/// <summary>The calculators generated from the cards, on real requests.</summary>
public sealed class EstimatePriceTests
{
    public static TheoryData<string, string> PricedPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers.Where(p => p.Pricing is not null))
            {
                data.Add(model.Id, provider.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PricedPairs))]
    public void Every_priced_pair_estimates_a_minimal_request_with_a_breakdown_and_its_source(string modelId, string providerId)
    {
        var model = ModelCatalog.Find(modelId)!;
        var request = (IModelRequest)Activator.CreateInstance(model.RequestType)!;
        model.RequestType.GetProperty("Prompt")!.SetValue(request, "a lighthouse");

        var estimate = request.EstimatePrice(providerId);

        Assert.NotEmpty(estimate.Breakdown);
        Assert.True(estimate.Credits > 0 || estimate.AmountUsd > 0);
        Assert.Equal(model.FindProvider(providerId)!.Pricing!.Source, estimate.Source);
    }

    [Fact]
    public void Bfl_text_to_image_at_the_default_one_megapixel_is_3_cents()
    {
        var estimate = new Flux2ProRequest { Prompt = "x" }.EstimatePrice("bfl");

        Assert.Equal(new ImageSize(1024, 1024), estimate.OutputSize);
        Assert.Equal(3m, estimate.Credits);
        Assert.Equal(0.03m, estimate.AmountUsd);
        Assert.Empty(estimate.Assumptions);
    }

    [Fact]
    public void Bfl_with_one_measured_one_megapixel_reference_is_4_5_cents()
    {
        var estimate = new Flux2ProRequest { Prompt = "x", InputImages = [CardImages.Png(1024, 1024)] }.EstimatePrice("bfl");

        Assert.Equal(4.5m, estimate.Credits);
        Assert.Equal(0.045m, estimate.AmountUsd);
        Assert.Contains("1024×1024", estimate.Breakdown.Single(l => l.Item == "input_images[0]").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_given_as_a_url_is_assumed_and_the_estimate_says_so()
    {
        var estimate = new Flux2ProRequest { Prompt = "x", InputImages = ["https://example.com/cat.png"] }.EstimatePrice("bfl");

        Assert.Equal(["input_images[0]: size unknown (not downloaded), counted as 1 MP."], estimate.Assumptions);
    }

    [Fact]
    public void The_output_size_comes_from_aspect_ratio_and_resolution_by_the_providers_rule()
    {
        // BFL's size rule in the card: the ratio at the tier's pixels, each side to the nearest multiple of 16, kept
        // within the tier. At 16:9 and 2 MP the nearest multiples are 1936×1088 = 2.0088 MP, which the card's round-up
        // rule would bill as 3 MP; a step less in width, 1920×1088 = 1.9922 MP, is billed as 2 MP.
        var estimate = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Landscape16x9, Resolution = Flux2ProResolution.TwoMegapixels }.EstimatePrice("bfl");

        Assert.Equal(new ImageSize(1920, 1088), estimate.OutputSize);
        Assert.Equal(3m + 1.5m, estimate.Credits);
        Assert.Contains("2088960 px = 1.9922 MP, rounded up to 2 MP", estimate.Breakdown[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_input_image_assumes_the_first_references_size()
    {
        var request = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.MatchInputImage, InputImages = [CardImages.Png(2048, 1024)] };

        var estimate = request.EstimatePrice("bfl");

        Assert.Equal(new ImageSize(2048, 1024), estimate.OutputSize);
        Assert.Contains("output size follows the input image; assumed input_images[0]'s 2048×1024.", estimate.Assumptions);
    }

    [Fact]
    public void Fal_without_a_size_prices_its_own_default_landscape_4_3()
    {
        var estimate = new Flux2ProRequest { Prompt = "x" }.EstimatePrice("fal");

        Assert.Equal(new ImageSize(1024, 768), estimate.OutputSize);
        Assert.Equal(0.03m, estimate.AmountUsd);
    }

    [Fact]
    public void A_custom_size_is_priced_as_given()
    {
        var estimate = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2048, Height = 2048 }.EstimatePrice("lumenfall");

        Assert.Equal(new ImageSize(2048, 2048), estimate.OutputSize);
        Assert.Equal(4 * 0.015m, estimate.AmountUsd);
    }

    [Fact]
    public void The_pairs_without_a_published_price_include_the_three_the_cards_explain_and_each_says_so()
    {
        var unpriced = ModelCatalog.Models.SelectMany(m => m.Providers.Where(p => p.Pricing is null).Select(p => (Model: m, Provider: p.Id))).ToList();

        Assert.Subset(unpriced.Select(u => $"{u.Model.Id}/{u.Provider}").ToHashSet(), new HashSet<string> { "flux-2-dev/replicate", "flux-2-pro/vtrix", "flux-2-pro/magnific" });
        Assert.All(unpriced, u =>
        {
            var request = u.Model.CreateRequest();
            if (u.Model.FindParameter("prompt") is not null)
            {
                request.SetParameter("prompt", "x");
            }

            var exception = Assert.Throws<NotSupportedException>(() => request.EstimatePrice(u.Provider));
            Assert.Equal($"{u.Provider} publishes no price for {u.Model.Id}; its card has no pricing section.", exception.Message);
        });
    }

    [Fact]
    public void A_request_the_provider_refuses_is_not_priced()
    {
        var request = new Flux2ProRequest { Prompt = "x", OutputFormat = Flux2ProOutputFormat.Webp };

        var exception = Assert.Throws<RequestValidationException>(() => request.EstimatePrice("bfl"));

        Assert.Contains("bfl: output_format must be one of jpeg, png, but is webp.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_ranks_cheapest_first_and_says_why_providers_were_left_out()
    {
        var request = new Flux2ProRequest { Prompt = "x", InputImages = [CardImages.Png(1024, 1024), CardImages.Png(1024, 1024), CardImages.Png(1024, 1024), CardImages.Png(1024, 1024), CardImages.Png(1024, 1024)] };

        var comparison = PriceComparison.For(request);

        var dollars = comparison.Estimates.Where(e => e.AmountUsd is not null).Select(e => e.AmountUsd!.Value).ToList();
        Assert.Equal(dollars.Order(), dollars);
        Assert.Equal("core-today", comparison.Estimates[^1].ProviderId);
        Assert.Null(comparison.Estimates[^1].AmountUsd);
        Assert.Contains(comparison.Excluded, e => e.ProviderId == "magnific" && e.Reason == "magnific: input_images may hold at most 4 items, but holds 5.");
        Assert.Contains(comparison.Excluded, e => e.ProviderId == "vtrix" && e.Reason == "vtrix: no published price for flux-2-pro");
        Assert.Equal(comparison.Cheapest, comparison.Estimates[0]);
    }
}

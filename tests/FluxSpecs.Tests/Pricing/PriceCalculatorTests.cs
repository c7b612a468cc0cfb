using System.Globalization;
using FluxSpecs.Catalog;
using FluxSpecs.GeneratedCode;
using FluxSpecs.Models.Flux2Dev;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Pricing;

namespace FluxSpecs.Tests.Pricing;

/// <summary>The card prices applied to worked examples, exact to the cent.</summary>
public sealed class PriceCalculatorTests
{
    private static readonly ImageSize OneMegapixel = new(1024, 1024);

    private static PricingDescriptor Pricing(ModelDescriptor model, string provider) => model.FindProvider(provider)!.Pricing!;

    private static PriceEstimate Bfl(ImageSize output, params PricedImage[] references) =>
        PriceCalculator.Estimate("bfl", Flux2ProModel.Id, Pricing(Flux2ProModel.Descriptor, "bfl"), output, references);

    [Fact]
    public void Bfl_pro_text_to_image_at_one_megapixel_is_3_credits_or_3_cents()
    {
        var estimate = Bfl(OneMegapixel);

        Assert.Equal(3m, estimate.Credits);
        Assert.Equal(0.03m, estimate.AmountUsd);
        Assert.Equal("credits", estimate.Unit);
        Assert.Equal(0.01m, estimate.CreditUsd);
    }

    [Fact]
    public void Bfl_pro_with_one_megapixel_reference_is_4_5_credits()
    {
        var estimate = Bfl(OneMegapixel, new PricedImage("input_images[0]", OneMegapixel));

        Assert.Equal(4.5m, estimate.Credits);
        Assert.Equal(0.045m, estimate.AmountUsd);
    }

    [Fact]
    public void One_pixel_over_a_megapixel_is_billed_as_two()
    {
        var estimate = Bfl(new ImageSize(1025, 1024));

        Assert.Equal(4.5m, estimate.Credits);
        Assert.Contains(estimate.Breakdown, line => line.Item == "output, additional MP" && line.Quantity == 1m);
        Assert.Contains("1049600 px = 1.001 MP, rounded up to 2 MP", estimate.Breakdown[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_reference_counts_as_four_megapixels_and_a_tiny_one_as_one()
    {
        var estimate = Bfl(OneMegapixel, new PricedImage("input_images[0]", new ImageSize(4096, 4096)), new PricedImage("input_images[1]", new ImageSize(64, 64)));

        Assert.Equal(3m + (4 * 1.5m) + 1.5m, estimate.Credits);
        Assert.Contains("clamped to 4 MP", estimate.Breakdown.Single(l => l.Item == "input_images[0]").Note, StringComparison.Ordinal);
        Assert.Contains("4096 px = 0.0039 MP, rounded up to 1 MP", estimate.Breakdown.Single(l => l.Item == "input_images[1]").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_of_unknown_size_is_counted_at_the_minimum_and_said_so()
    {
        var estimate = Bfl(OneMegapixel, new PricedImage("input_images[0]", null));

        Assert.Equal(4.5m, estimate.Credits);
        Assert.Equal(["input_images[0]: size unknown (not downloaded), counted as 1 MP."], estimate.Assumptions);
    }

    [Theory]
    [InlineData("flux-2-pro", 100)]
    [InlineData("flux-2-dev", 25)]
    public void Core_today_bills_credits_per_request_without_a_published_dollar_value(string model, int credits)
    {
        var descriptor = model == "flux-2-pro" ? Flux2ProModel.Descriptor : Flux2DevModel.Descriptor;

        var estimate = PriceCalculator.Estimate("core-today", model, Pricing(descriptor, "core-today"), new ImageSize(2048, 2048), []);

        Assert.Equal(credits, estimate.Credits);
        Assert.Null(estimate.AmountUsd);
        Assert.Contains(estimate.Assumptions, a => a.Contains("does not publish the dollar value of a credit", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_estimate_names_its_source_and_date()
    {
        var estimate = Bfl(OneMegapixel);

        Assert.Equal("https://docs.bfl.ai/quick_start/pricing", estimate.Source);
        Assert.Equal(new DateOnly(2026, 11, 21), estimate.AsOf);
    }

    [Fact]
    public void Estimates_do_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fi-FI");
            var estimate = Bfl(new ImageSize(1025, 1024), new PricedImage("input_images[0]", OneMegapixel));

            Assert.Equal(0.06m, estimate.AmountUsd);
            Assert.Equal("output, first MP: 1 MP × 3 = 3 (output 1025×1024: 1049600 px = 1.001 MP, rounded up to 2 MP)", estimate.Breakdown[0].ToString());
            Assert.Equal("bfl flux-2-pro: 6 credits = $0.06", estimate.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}

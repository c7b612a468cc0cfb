using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Pricing;
using FluxSpecs.Tests.Mapping;
using Dev = FluxSpecs.Models.Flux2Dev;
using FluxSpecs.Tests.Cards;

namespace FluxSpecs.Tests.Pricing;

/// <summary>
/// The cards' image count: one model-level <c>ImageCount</c>, sent in the provider's own field where it has one, left out
/// of the body where the client emulates it with that many jobs, checked against every limit, and priced × count.
/// </summary>
public sealed class ImageCountTests
{
    private static Flux2ProRequest Request(int? count) => new() { Prompt = "x", ImageCount = count };

    [Fact]
    public void The_catalog_says_which_providers_take_the_count_and_in_which_field()
    {
        var model = Flux2ProModel.Descriptor;

        Assert.Equal(1m, model.ImageCount!.Limits.Minimum);
        Assert.Equal(10m, model.ImageCount.Limits.Maximum);
        Assert.Equal("1", model.ImageCount.Default);
        Assert.Equal("ImageCount", model.ImageCount.PropertyName);
        Assert.Equal(
            ["replicate=", "core-today=", "bfl=", "vtrix=", "fal=num_images", "magnific=", "lumenfall=n"],
            model.Providers.Select(p => p.Id + "=" + p.ImageCountField));
        Assert.Equal("num_images", Dev.Flux2DevModel.Descriptor.FindProvider("fal")!.ImageCountField);
    }

    [Fact]
    public void Fal_and_lumenfall_get_the_count_in_their_own_field()
    {
        JsonAssert.Body("""{"prompt": "x", "num_images": 4}""", Request(4).CreatePayload(ProviderIds.Fal));
        JsonAssert.Body("""{"model": "flux.2-pro", "prompt": "x", "n": 3}""", Request(3).CreatePayload(ProviderIds.Lumenfall));
        JsonAssert.Body("""{"prompt": "x", "num_images": 2}""", new Dev.Flux2DevRequest { Prompt = "x", ImageCount = 2 }.CreatePayload(ProviderIds.Fal));
    }

    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("bfl")]
    [InlineData("vtrix")]
    [InlineData("magnific")]
    public void A_provider_without_a_count_field_gets_a_body_for_one_image(string providerId)
    {
        var payload = Request(3).CreatePayload(providerId);

        Assert.Equal(Request(null).CreatePayload(providerId).Json.ToArray(), payload.Json.ToArray());
        Assert.Empty(payload.Warnings);
    }

    [Fact]
    public void A_count_over_a_limit_names_the_parameter_the_value_the_rule_and_the_provider()
    {
        var onFal = Assert.Single(Request(5).Validate(ProviderIds.Fal).Violations);
        var overModel = Assert.Single(Request(11).Validate().Violations);
        var zero = Assert.Single(Request(0).Validate(ProviderIds.Bfl).Violations);

        Assert.Equal(("image_count", "fal", "fal: image_count must be at most 4, but is 5."), (onFal.Parameter, onFal.Provider, onFal.Message));
        Assert.Equal("5", onFal.Value);
        Assert.Equal("image_count must be at most 10, but is 11.", overModel.Message);
        Assert.Equal("image_count must be at least 1, but is 0.", zero.Message);
        Assert.True(Request(5).Validate(ProviderIds.Bfl).IsValid); // five BFL jobs
    }

    [Fact]
    public void The_count_is_set_by_its_card_name_like_any_parameter()
    {
        var request = Request(null);

        request.SetParameter("image_count", 3);

        Assert.Equal(3, request.ImageCount);
        Assert.Equal(3, request.GetParameter("image_count"));
    }

    [Fact]
    public void A_native_count_multiplies_the_output_megapixels()
    {
        var one = Request(null).EstimatePrice(ProviderIds.Fal);
        var four = Request(4).EstimatePrice(ProviderIds.Fal);

        Assert.Equal(0.03m, one.AmountUsd);
        Assert.Equal(0.12m, four.AmountUsd);
        Assert.Equal(4, four.ImageCount);
        var line = Assert.Single(four.Breakdown);
        Assert.Equal(("output, first MP", 4m), (line.Item, line.Quantity));
        Assert.EndsWith("× 4 images", line.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Emulated_jobs_are_each_billed_in_full()
    {
        var bfl = Request(3).EstimatePrice(ProviderIds.Bfl);
        var coreToday = Request(3).EstimatePrice(ProviderIds.CoreToday);

        Assert.Equal(9m, bfl.Credits); // 3 credits for the first MP, three times
        Assert.Equal(0.09m, bfl.AmountUsd);
        Assert.Equal(300m, coreToday.Credits); // 100 credits per request, three requests
        var request = Assert.Single(coreToday.Breakdown);
        Assert.Equal((3m, "3 images as 3 jobs"), (request.Quantity, request.Note));
    }

    [Fact]
    public void Reference_images_are_billed_per_image_and_a_native_per_request_assumption_is_stated()
    {
        var bfl = (Request(2) with { InputImages = [CardImages.Png(1024, 1024)] }).EstimatePrice(ProviderIds.Bfl);
        var fal = (Request(2) with { InputImages = [CardImages.Png(1024, 1024)] }).EstimatePrice(ProviderIds.Fal);

        Assert.Equal(9m, bfl.Credits); // (3 output + 1.5 input) × 2 jobs
        Assert.Equal(0.09m, fal.AmountUsd); // (0.03 output + 0.015 input) × 2 images
        Assert.Contains("fal makes the 2 images in one request: each image is billed its output and reference megapixels, a per-request price once.", fal.Assumptions);
        Assert.DoesNotContain(bfl.Assumptions, a => a.Contains("one request", StringComparison.Ordinal));
    }

    [Fact]
    public void A_comparison_prices_the_count_and_leaves_out_providers_it_exceeds()
    {
        var comparison = PriceComparison.For(Request(5));

        Assert.Contains(comparison.Excluded, e => e.ProviderId == "fal" && e.Reason == "fal: image_count must be at most 4, but is 5.");
        Assert.All(comparison.Estimates, e => Assert.Equal(5, e.ImageCount));
        Assert.Equal(("lumenfall", 0.075m), (comparison.Cheapest!.ProviderId, comparison.Cheapest.AmountUsd!.Value));
        Assert.Equal(0.15m, comparison.Estimates.Single(e => e.ProviderId == "bfl").AmountUsd);
    }
}

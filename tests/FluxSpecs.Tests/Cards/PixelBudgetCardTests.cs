using System.Globalization;
using FluxSpecs.Errors;
using FluxSpecs.Models;

namespace FluxSpecs.Tests.Cards;

/// <summary>
/// The pixel budget on BFL (card: <c>pixel_budget</c>, BFL's <c>{ max_pixels: 4194304 }</c>), for every card that gives
/// BFL one: BFL takes any width × height up to 4 MP in multiples of 16, with no side limit of its own, and prices it by
/// the megapixel; the card's other providers keep their own side limits.
/// </summary>
public sealed class PixelBudgetCardTests
{
    /// <summary>Every model whose BFL entry has a pixel budget, its own or the model's.</summary>
    public static TheoryData<string> ModelsWithABflBudget =>
        [.. ModelCatalog.Models.Where(m => m.FindProvider(ProviderIds.Bfl) is { } bfl && (bfl.PixelBudget ?? m.PixelBudget) is not null).Select(m => m.Id)];

    // 2560×1536 is 3,932,160 px = 3.75 MP, billed as 4: the first megapixel's rate plus three more.
    [Theory]
    [InlineData("flux-2-flex", "20", "fal,lumenfall")]               // 5 + 3 × 5 credits
    [InlineData("flux-2-max", "16", "fal,lumenfall,vtrix,replicate")] // 7 + 3 × 3
    [InlineData("flux-2-klein-4b", "1.7", "fal,lumenfall")]          // 1.4 + 3 × 0.1
    [InlineData("flux-2-klein-9b", "2.1", "fal,lumenfall")]          // 1.5 + 3 × 0.2
    public void Bfl_takes_2560_by_1536_within_its_four_megapixels_and_prices_it_as_four(string modelId, string credits, string providersWithSideLimits)
    {
        var request = Sized(modelId, 2560, 1536);

        var estimate = request.EstimatePrice(ProviderIds.Bfl);

        Assert.True(request.Validate(ProviderIds.Bfl).IsValid);
        Assert.Equal(new ImageSize(2560, 1536), estimate.OutputSize);
        Assert.Equal(decimal.Parse(credits, CultureInfo.InvariantCulture), estimate.Credits);
        Assert.Equal(decimal.Parse(credits, CultureInfo.InvariantCulture) / 100m, estimate.AmountUsd);
        Assert.All(
            providersWithSideLimits.Split(','),
            provider => Assert.Contains(request.Validate(provider).Violations, v => v.Parameter == "width" && v.Provider == provider && v.Rule == ViolationRules.Max));
    }

    [Theory]
    [MemberData(nameof(ModelsWithABflBudget))]
    public void Bfl_refuses_a_size_over_four_megapixels_naming_the_pixel_budget(string modelId)
    {
        var request = Sized(modelId, 2560, 2048);

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Bfl));

        Assert.All(error.Violations, v => Assert.Equal((ViolationRules.MaxPixels, "width×height", "2560×2048"), (v.Rule, v.Parameter, v.Value))); // each side alone is fine
        Assert.Equal(
            [
                "bfl: width × height must be at most 4194304 pixels (4 MP), but 2560 × 2048 is 5242880.", // BFL's own budget
                "width × height must be at most 4194304 pixels (4 MP), but 2560 × 2048 is 5242880.", // the model's
            ],
            error.Violations.Select(v => v.Message).Order(StringComparer.Ordinal));
    }

    private static IModelRequest Sized(string modelId, int width, int height)
    {
        var request = ModelCatalog.Models.Single(m => m.Id == modelId).CreateRequest();
        request.SetParameter("prompt", "A lighthouse at dusk");
        request.SetParameter("aspect_ratio", "custom");
        request.SetParameter("width", width);
        request.SetParameter("height", height);
        return request;
    }
}

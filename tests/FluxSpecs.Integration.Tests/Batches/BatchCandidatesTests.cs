using FluxSpecs.Batches;
using FluxSpecs.Models;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>A row's provider choice turned into the providers to try, in order.</summary>
public sealed class BatchCandidatesTests
{
    private static IModelRequest Request(params (string Name, object? Value)[] parameters)
    {
        var request = ModelCatalog.Find("flux-2-pro")!.CreateRequest();
        foreach (var (name, value) in new[] { ("prompt", (object?)"x"), ("aspect_ratio", "custom"), ("width", 256L), ("height", 256L) }.Concat(parameters))
        {
            request.SetParameter(name, value);
        }

        return request;
    }

    [Fact]
    public void Cheapest_ranks_dollar_prices_first_then_credits_of_unknown_value_then_unpriced_providers()
    {
        var (usable, _, _) = BatchCandidates.Resolve(ModelCatalog.Find("flux-2-pro")!, Request(), BatchCandidates.Parse("cheapest"), _ => null);

        Assert.Equal(["lumenfall", "replicate", "bfl", "fal", "core-today", "vtrix", "magnific"], usable.Select(c => c.ProviderId));
        Assert.Equal([0.015m, 0.015m, 0.03m, 0.03m, null, null, null], usable.Select(c => c.EstimateUsd));
    }

    [Fact]
    public void A_list_keeps_its_order_and_leaves_out_providers_that_refuse_the_request_or_cannot_be_used()
    {
        var (usable, violations, problems) = BatchCandidates.Resolve(
            ModelCatalog.Find("flux-2-pro")!,
            Request(("safety_tolerance", 0L)),
            BatchCandidates.Parse("replicate, magnific, nowhere, bfl"),
            id => id == "magnific" ? "No API key for magnific." : null);

        Assert.Equal(["bfl"], usable.Select(c => c.ProviderId));
        Assert.Equal(["replicate", "nowhere"], violations.Select(v => v.Provider));
        Assert.Equal(["No API key for magnific."], problems);
    }
}

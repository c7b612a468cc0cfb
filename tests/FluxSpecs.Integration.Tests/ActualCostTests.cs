using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Pricing;

namespace FluxSpecs.Integration.Tests;

/// <summary>Where the provider reports a cost, the job carries it next to the estimate.</summary>
public sealed class ActualCostTests
{
    [Fact]
    public async Task Bfl_reports_credits_that_match_the_estimate()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var request = new Flux2ProRequest { Prompt = "x" };
        var estimate = request.EstimatePrice("bfl");

        var job = await EmulatedProviders.RunAsync(providers.Protocol("bfl"), request.CreatePayload("bfl"));
        var report = CostReport.For(estimate, job);

        Assert.Equal("credits", report.Actual?.Unit);
        Assert.Equal(estimate.Credits, report.Actual!.Amount);
        Assert.Equal(0.03m, report.ActualUsd);
        Assert.Equal(0m, report.DifferenceUsd);
    }

    [Fact]
    public async Task Vtrix_reports_dollars_where_the_card_has_no_estimate()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var request = new Flux2ProRequest { Prompt = "x" };
        var estimate = request.EstimatePrice("fal") with { ProviderId = "vtrix" };

        var job = await EmulatedProviders.RunAsync(providers.Protocol("vtrix"), request.CreatePayload("vtrix"));
        var report = CostReport.For(estimate, job);

        Assert.Equal("usd", report.Actual?.Unit);
        Assert.Equal(report.Actual!.Amount, report.ActualUsd);
    }
}

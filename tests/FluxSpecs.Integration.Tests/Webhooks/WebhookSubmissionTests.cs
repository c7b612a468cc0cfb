using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>The submission's <c>WebhookUrl</c> is fal's query parameter; elsewhere it is refused before anything is sent.</summary>
public sealed class WebhookSubmissionTests
{
    [Theory]
    [InlineData(ProviderIds.Replicate, "Replicate options")]
    [InlineData(ProviderIds.Bfl, "Bfl options")]
    [InlineData(ProviderIds.CoreToday, "CoreToday options")]
    [InlineData(ProviderIds.Magnific, "Magnific options")]
    [InlineData(ProviderIds.Vtrix, "no webhooks")]
    [InlineData(ProviderIds.Lumenfall, "no webhooks")]
    public async Task Providers_that_take_the_webhook_in_the_body_refuse_it_on_the_submission(string providerId, string hint)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var submission = new Flux2ProRequest { Prompt = "x" }.CreatePayload(providerId).ToSubmission() with { WebhookUrl = new Uri("http://127.0.0.1:9/hook") };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => providers.Protocol(providerId).SubmitAsync(submission));

        Assert.Contains(hint, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, providers.Server.Jobs.TotalCreates);
    }

    [Fact]
    public async Task A_relative_fal_webhook_url_is_refused()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var submission = new Flux2ProRequest { Prompt = "x" }.CreatePayload(ProviderIds.Fal).ToSubmission() with { WebhookUrl = new Uri("/hook", UriKind.Relative) };

        await Assert.ThrowsAsync<ArgumentException>(() => providers.Protocol(ProviderIds.Fal).SubmitAsync(submission));
        Assert.Equal(0, providers.Server.Jobs.TotalCreates);
    }
}

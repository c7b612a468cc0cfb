using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Webhooks;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>Magnific and core.today sign nothing: their bodies are only parsed, and the parse matches polling.</summary>
public sealed class UnsignedWebhookTests
{
    [Theory]
    [InlineData(ProviderIds.Magnific)]
    [InlineData(ProviderIds.CoreToday)]
    public async Task An_unsigned_delivery_parses_into_what_polling_reports(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url.AbsoluteUri;
        var request = new Flux2ProRequest
        {
            Prompt = "a lighthouse at dusk",
            Magnific = providerId == ProviderIds.Magnific ? new() { WebhookUrl = url } : null,
            CoreToday = providerId == ProviderIds.CoreToday ? new() { Webhook = url } : null,
        };

        var polled = await EmulatedProviders.RunAsync(providers.Protocol(providerId), request.CreatePayload(providerId));
        var received = await receiver.WaitForAsync(r => WebhookPayload.TryParse(providerId, r.Delivery.Body, out var s) && s.IsTerminal);

        Assert.True(WebhookPayload.TryParse(providerId, received.Delivery.Body, out var state));
        Assert.Equal(polled.ProviderStatus, state.ProviderStatus);
        Deliveries.AssertSameJob(polled, state);
    }

    [Fact]
    public void A_body_that_is_not_the_providers_payload_does_not_parse()
    {
        foreach (var providerId in WebhookPayload.ProviderIds)
        {
            Assert.False(WebhookPayload.TryParse(providerId, "not json"u8.ToArray(), out _), providerId);
            Assert.False(WebhookPayload.TryParse(providerId, "[1, 2]"u8.ToArray(), out _), providerId);
            Assert.False(WebhookPayload.TryParse(providerId, """{"unrelated": true}"""u8.ToArray(), out _), providerId);
        }
    }

    [Theory]
    [InlineData(ProviderIds.Vtrix)]
    [InlineData(ProviderIds.Lumenfall)]
    public void Providers_without_webhooks_are_a_usage_error(string providerId)
    {
        var exception = Assert.Throws<ArgumentException>(() => WebhookPayload.TryParse(providerId, "{}"u8.ToArray(), out _));

        Assert.Contains(providerId, exception.Message, StringComparison.Ordinal);
    }
}

using FluxSpecs.Providers.Bfl;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Webhooks;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>BFL's deliveries, signed with the request's <c>webhook_secret</c> (HMAC-SHA256 of the body).</summary>
public sealed class BflWebhookTests
{
    private const string Secret = "bfl-webhook-secret-for-tests";

    [Fact]
    public async Task A_ready_task_delivery_verifies_and_reports_what_polling_reports()
    {
        var (polled, delivery) = await CaptureAsync();

        var result = new BflWebhookVerifier(Secret).Verify(delivery);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("Ready", result.State.ProviderStatus);
        Deliveries.AssertSameJob(polled, result.State);
        Assert.All(result.State.Outputs, o => Assert.NotNull(o.ExpiresAt));
    }

    [Fact]
    public async Task A_tampered_body_a_wrong_secret_and_a_bad_header_are_rejected()
    {
        var (_, delivery) = await CaptureAsync();
        var verifier = new BflWebhookVerifier(Secret);
        var signature = delivery.Header(BflWebhookVerifier.SignatureHeader)!;

        var tampered = verifier.Verify(Deliveries.Tampered(delivery));
        var wrongSecret = new BflWebhookVerifier("another-secret").Verify(delivery);
        var missing = verifier.Verify(Deliveries.WithHeader(delivery, BflWebhookVerifier.SignatureHeader, null));
        var notHex = verifier.Verify(Deliveries.WithHeader(delivery, BflWebhookVerifier.SignatureHeader, "sha256=not-hex"));
        var bareHex = verifier.Verify(Deliveries.WithHeader(delivery, BflWebhookVerifier.SignatureHeader, signature["sha256=".Length..]));
        var truncated = verifier.Verify(Deliveries.WithHeader(delivery, BflWebhookVerifier.SignatureHeader, signature[..^2]));

        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.Equal(WebhookFailure.InvalidSignature, tampered.Failure);
        Assert.Equal(WebhookFailure.InvalidSignature, wrongSecret.Failure);
        Assert.Equal(WebhookFailure.MissingHeader, missing.Failure);
        Assert.Equal(WebhookFailure.MalformedHeader, notHex.Failure);
        Assert.Equal(WebhookFailure.MalformedHeader, bareHex.Failure);
        Assert.Equal(WebhookFailure.MalformedHeader, truncated.Failure);
    }

    [Fact]
    public async Task Bfl_signs_no_time_so_the_receiver_clock_does_not_matter()
    {
        var (_, delivery) = await CaptureAsync();

        var result = new BflWebhookVerifier(Secret, new ShiftedClock(TimeSpan.FromDays(1))).Verify(delivery);

        Assert.True(result.IsValid, result.Reason);
    }

    private static async Task<(JobState Polled, WebhookDelivery Delivery)> CaptureAsync()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var request = new Flux2ProRequest { Prompt = "a lighthouse at dusk", Bfl = new() { WebhookUrl = receiver.Url.AbsoluteUri, WebhookSecret = Secret } };

        var polled = await EmulatedProviders.RunAsync(providers.Protocol(ProviderIds.Bfl), request.CreatePayload(ProviderIds.Bfl));
        return (polled, (await receiver.WaitForAsync()).Delivery);
    }
}

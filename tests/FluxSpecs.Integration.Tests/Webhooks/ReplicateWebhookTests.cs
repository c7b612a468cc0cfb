using FluxSpecs.Providers.Replicate;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;
using FluxSpecs.Webhooks;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>Replicate's Standard Webhooks deliveries from the emulator, verified the way a receiving application would.</summary>
public sealed class ReplicateWebhookTests
{
    [Fact]
    public async Task A_completed_prediction_delivery_verifies_and_reports_what_polling_reports()
    {
        var (polled, delivery, secret) = await CaptureAsync([Flux2ProReplicateWebhookEventsFilter.Completed]);

        var result = new ReplicateWebhookVerifier(secret).Verify(delivery);

        Assert.True(result.IsValid, result.Reason);
        Assert.Null(result.Failure);
        Assert.Equal(JobStatus.Succeeded, result.State.Status);
        Assert.Equal("succeeded", result.State.ProviderStatus);
        Deliveries.AssertSameJob(polled, result.State);

        // A prediction carries its URLs, so the delivered handle can be polled with directly.
        Assert.NotNull(result.State.Handle.Link("get"));
    }

    [Fact]
    public async Task Without_a_filter_both_start_and_completed_arrive_signed()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var request = new Flux2ProRequest { Prompt = "x", Replicate = new() { Webhook = receiver.Url.AbsoluteUri } };
        await EmulatedProviders.RunAsync(providers.Protocol(ProviderIds.Replicate), request.CreatePayload(ProviderIds.Replicate));
        var verifier = new ReplicateWebhookVerifier(await FetchSecretAsync(providers));

        var completed = await receiver.WaitForAsync(r => verifier.Verify(r.Delivery).State?.Status == JobStatus.Succeeded);
        var started = await receiver.WaitForAsync(r => verifier.Verify(r.Delivery).State?.Status == JobStatus.Running);

        Assert.Equal("processing", verifier.Verify(started.Delivery).State!.ProviderStatus);
        Assert.NotEqual(started.Delivery.Header("webhook-id"), completed.Delivery.Header("webhook-id"));
    }

    [Fact]
    public async Task A_tampered_body_a_wrong_secret_and_a_missing_header_are_rejected()
    {
        var (_, delivery, secret) = await CaptureAsync([Flux2ProReplicateWebhookEventsFilter.Completed]);
        var verifier = new ReplicateWebhookVerifier(secret);

        var tampered = verifier.Verify(Deliveries.Tampered(delivery));
        var wrongSecret = new ReplicateWebhookVerifier(Emulator.Webhooks.StandardWebhookSigner.NewSecret()).Verify(delivery);
        var otherId = verifier.Verify(Deliveries.WithHeader(delivery, "webhook-id", "msg_other"));
        var unsigned = verifier.Verify(Deliveries.WithHeader(delivery, "webhook-signature", null));
        var badTime = verifier.Verify(Deliveries.WithHeader(delivery, "webhook-timestamp", "yesterday"));

        Assert.Equal(WebhookFailure.InvalidSignature, tampered.Failure);
        Assert.Equal(WebhookFailure.InvalidSignature, wrongSecret.Failure);
        Assert.Equal(WebhookFailure.InvalidSignature, otherId.Failure);
        Assert.Equal(WebhookFailure.MissingHeader, unsigned.Failure);
        Assert.Contains("webhook-signature", unsigned.Reason, StringComparison.Ordinal);
        Assert.Equal(WebhookFailure.MalformedHeader, badTime.Failure);
        Assert.All([tampered, wrongSecret, otherId, unsigned, badTime], r => Assert.Null(r.State));
        Assert.DoesNotContain(secret, wrongSecret.ToString() + tampered.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(-6, false)]
    [InlineData(4, true)]
    [InlineData(-4, true)]
    public async Task A_delivery_is_accepted_only_within_five_minutes_of_its_timestamp(int receiverClockMinutesAhead, bool accepted)
    {
        var (_, delivery, secret) = await CaptureAsync([Flux2ProReplicateWebhookEventsFilter.Completed]);

        var result = new ReplicateWebhookVerifier(secret, new ShiftedClock(TimeSpan.FromMinutes(receiverClockMinutesAhead))).Verify(delivery);

        Assert.Equal(accepted, result.IsValid);
        Assert.Equal(accepted ? null : WebhookFailure.StaleTimestamp, result.Failure);
    }

    [Fact]
    public async Task The_tolerance_can_be_narrowed()
    {
        var (_, delivery, secret) = await CaptureAsync([Flux2ProReplicateWebhookEventsFilter.Completed]);

        var result = new ReplicateWebhookVerifier(secret, new ShiftedClock(TimeSpan.FromMinutes(2))) { Tolerance = TimeSpan.FromMinutes(1) }.Verify(delivery);

        Assert.Equal(WebhookFailure.StaleTimestamp, result.Failure);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicateWebhookVerifier(secret) { Tolerance = TimeSpan.Zero });
    }

    private static async Task<(JobState Polled, WebhookDelivery Delivery, string Secret)> CaptureAsync(IReadOnlyList<Flux2ProReplicateWebhookEventsFilter> events)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var request = new Flux2ProRequest { Prompt = "a lighthouse at dusk", Replicate = new() { Webhook = receiver.Url.AbsoluteUri, WebhookEventsFilter = events } };

        var polled = await EmulatedProviders.RunAsync(providers.Protocol(ProviderIds.Replicate), request.CreatePayload(ProviderIds.Replicate));
        var received = await receiver.WaitForAsync();

        Assert.Equal("/hooks/job", received.PathAndQuery);
        return (polled, received.Delivery, await FetchSecretAsync(providers));
    }

    private static Task<string> FetchSecretAsync(EmulatedProviders providers) =>
        ReplicateWebhookVerifier.FetchSecretAsync(new ProviderConnection(providers.Http, providers.Server.ProviderBaseUrl(ProviderIds.Replicate), EmulatedProviders.Key));
}

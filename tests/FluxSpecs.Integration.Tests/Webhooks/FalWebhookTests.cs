using FluxSpecs.Providers.Fal;
using FluxSpecs.Emulator;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Webhooks;
using Signer = FluxSpecs.Emulator.Webhooks.FalWebhookSigner;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>fal's deliveries: <c>?fal_webhook=</c> on the submit, Ed25519 signatures checked against the published JWKS.</summary>
public sealed class FalWebhookTests
{
    [Fact]
    public async Task A_completed_request_delivery_verifies_against_the_published_keys_and_reports_what_polling_reports()
    {
        await using var capture = await CaptureAsync();

        var result = new FalWebhookVerifier(capture.Keys).Verify(capture.Delivery);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("OK", result.State.ProviderStatus);
        Deliveries.AssertSameJob(capture.Polled, result.State);
    }

    [Fact]
    public async Task The_webhook_url_reaches_fal_intact_with_its_own_query()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = new Uri(receiver.Url, "?job=42&tag=a%20b");
        var submission = new Flux2ProRequest { Prompt = "x" }.CreatePayload(ProviderIds.Fal).ToSubmission() with { WebhookUrl = url };

        await EmulatedProviders.RunAsync(providers.Protocol(ProviderIds.Fal), submission);
        var received = await receiver.WaitForAsync();

        Assert.Equal("/hooks/job?job=42&tag=a%20b", received.PathAndQuery);
    }

    [Fact]
    public async Task A_tampered_body_another_key_and_altered_headers_are_rejected()
    {
        await using var capture = await CaptureAsync();
        var verifier = new FalWebhookVerifier(capture.Keys);
        var otherKeys = FalWebhookKeySet.Parse(new Signer().Jwks().ToJsonString());

        var tampered = verifier.Verify(Deliveries.Tampered(capture.Delivery));
        var wrongKey = new FalWebhookVerifier(otherKeys).Verify(capture.Delivery);
        var otherUser = verifier.Verify(Deliveries.WithHeader(capture.Delivery, "X-Fal-Webhook-User-Id", "someone-else"));
        var otherRequest = verifier.Verify(Deliveries.WithHeader(capture.Delivery, "X-Fal-Webhook-Request-Id", Guid.NewGuid().ToString()));
        var missing = verifier.Verify(Deliveries.WithHeader(capture.Delivery, "X-Fal-Webhook-Signature", null));
        var notHex = verifier.Verify(Deliveries.WithHeader(capture.Delivery, "X-Fal-Webhook-Signature", "zz"));

        Assert.Equal(WebhookFailure.InvalidSignature, tampered.Failure);
        Assert.Equal(WebhookFailure.InvalidSignature, wrongKey.Failure);
        Assert.Equal(WebhookFailure.InvalidSignature, otherUser.Failure);
        Assert.Equal(WebhookFailure.InvalidSignature, otherRequest.Failure);
        Assert.Equal(WebhookFailure.MissingHeader, missing.Failure);
        Assert.Equal(WebhookFailure.MalformedHeader, notHex.Failure);
    }

    [Fact]
    public async Task A_key_set_with_the_right_key_among_others_verifies()
    {
        await using var capture = await CaptureAsync();
        var keys = new FalWebhookKeySet([new Signer().PublicKey, capture.Keys.PublicKeys[0].ToArray()]);

        Assert.True(new FalWebhookVerifier(keys).Verify(capture.Delivery).IsValid);
    }

    [Theory]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(290, true)]
    [InlineData(-290, true)]
    public async Task A_delivery_is_accepted_only_within_300_seconds_of_its_timestamp(int receiverClockSecondsAhead, bool accepted)
    {
        await using var capture = await CaptureAsync();

        var result = new FalWebhookVerifier(capture.Keys, new ShiftedClock(TimeSpan.FromSeconds(receiverClockSecondsAhead))).Verify(capture.Delivery);

        Assert.Equal(accepted, result.IsValid);
        Assert.Equal(accepted ? null : WebhookFailure.StaleTimestamp, result.Failure);
    }

    [Fact]
    public async Task A_failed_request_is_delivered_as_failed_with_fals_message()
    {
        await using var capture = await CaptureAsync(fault: "create:fail;message=GPU fell over");

        var result = new FalWebhookVerifier(capture.Keys).Verify(capture.Delivery);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(JobStatus.Failed, result.State.Status);
        Assert.Equal(capture.Polled.Status, result.State.Status);
        Assert.Equal("ERROR", result.State.ProviderStatus);
        Assert.Empty(result.State.Outputs);
        Assert.Equal("GPU fell over", result.State.ErrorMessage);
    }

    [Fact]
    public void A_key_set_reads_ed25519_keys_and_refuses_a_document_without_one()
    {
        var signer = new Signer();
        var jwks = signer.Jwks();
        jwks["keys"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject { ["kty"] = "RSA", ["n"] = "AQAB", ["e"] = "AQAB" });

        var keys = FalWebhookKeySet.Parse(jwks.ToJsonString());

        Assert.Equal(signer.PublicKey, Assert.Single(keys.PublicKeys).ToArray());
        Assert.Throws<FormatException>(() => FalWebhookKeySet.Parse("""{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}"""));
        Assert.Throws<FormatException>(() => FalWebhookKeySet.Parse("""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA"}]}"""));
        Assert.Throws<FormatException>(() => FalWebhookKeySet.Parse("not json"));
        Assert.Equal("https://rest.fal.ai/.well-known/jwks.json", FalWebhookKeySet.DefaultUrl.AbsoluteUri);
    }

    private static async Task<Capture> CaptureAsync(string? fault = null)
    {
        var providers = await EmulatedProviders.StartAsync(fault);
        await using var receiver = await WebhookReceiver.StartAsync();
        var submission = new Flux2ProRequest { Prompt = "a lighthouse at dusk" }.CreatePayload(ProviderIds.Fal).ToSubmission() with { WebhookUrl = receiver.Url };

        var polled = await EmulatedProviders.RunAsync(providers.Protocol(ProviderIds.Fal), submission);
        var received = await receiver.WaitForAsync();
        var keys = await FalWebhookKeySet.FetchAsync(providers.Http, new Uri(providers.Server.ProviderBaseUrl(ProviderIds.Fal), ".well-known/jwks.json"));
        return new Capture(providers, polled, received.Delivery, keys);
    }

    /// <summary>The delivery, what polling said, and the keys the emulator publishes; the emulator stays up until disposed.</summary>
    private sealed record Capture(EmulatedProviders Providers, JobState Polled, WebhookDelivery Delivery, FalWebhookKeySet Keys) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Providers.DisposeAsync();
    }
}

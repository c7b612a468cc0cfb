using FluxSpecs.Providers.Replicate;
using System.Globalization;
using FluxSpecs.Webhooks;
using StandardSigner = FluxSpecs.Emulator.Webhooks.StandardWebhookSigner;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>Signature details without a server: secret rotation, version tags, authentic but unreadable bodies, headers.</summary>
public sealed class SignatureTests
{
    private static readonly byte[] Prediction = """{"id":"p1","status":"succeeded","output":"http://127.0.0.1/files/a.png"}"""u8.ToArray();

    [Fact]
    public void Any_one_matching_v1_entry_is_enough_as_during_a_secret_rotation()
    {
        var (oldSecret, newSecret) = (StandardSigner.NewSecret(), StandardSigner.NewSecret());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Sign(oldSecret, now, Prediction) + " " + Sign(newSecret, now, Prediction);

        var result = new ReplicateWebhookVerifier(newSecret).Verify(Delivery(Prediction, now, header));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("p1", result.State.Handle.JobId);
    }

    [Fact]
    public void Entries_of_another_version_are_not_accepted()
    {
        var secret = StandardSigner.NewSecret();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var v2 = "v2," + Sign(secret, now, Prediction)["v1,".Length..];

        var result = new ReplicateWebhookVerifier(secret).Verify(Delivery(Prediction, now, v2));

        Assert.Equal(WebhookFailure.InvalidSignature, result.Failure);
    }

    [Fact]
    public void A_signed_body_that_is_not_a_prediction_is_rejected_as_malformed()
    {
        var secret = StandardSigner.NewSecret();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = """{"hello":"world"}"""u8.ToArray();

        var result = new ReplicateWebhookVerifier(secret).Verify(Delivery(body, now, Sign(secret, now, body)));

        Assert.Equal(WebhookFailure.MalformedBody, result.Failure);
    }

    [Fact]
    public void The_secret_is_read_with_or_without_its_prefix_and_a_bad_one_is_a_usage_error()
    {
        var secret = StandardSigner.NewSecret();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var delivery = Delivery(Prediction, now, Sign(secret, now, Prediction));

        Assert.True(new ReplicateWebhookVerifier(secret["whsec_".Length..]).Verify(delivery).IsValid);
        Assert.Throws<ArgumentException>(() => new ReplicateWebhookVerifier("whsec_not base64!"));
        Assert.Throws<ArgumentException>(() => new ReplicateWebhookVerifier(""));
        Assert.Throws<ArgumentNullException>(() => new ReplicateWebhookVerifier(secret).Verify(null!));
        Assert.DoesNotContain(secret["whsec_".Length..], new ReplicateWebhookVerifier(secret).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_are_found_whatever_their_case_and_repeated_ones_are_joined()
    {
        var delivery = new WebhookDelivery(Prediction, new Dictionary<string, IEnumerable<string>>
        {
            ["Webhook-Id"] = ["msg_1"],
            ["X-Repeated"] = ["a", "b"],
        });

        Assert.Equal("msg_1", delivery.Header("webhook-id"));
        Assert.Equal("a, b", delivery.Header("x-repeated"));
        Assert.Null(delivery.Header("webhook-signature"));
        Assert.DoesNotContain("msg_1", delivery.ToString(), StringComparison.Ordinal);
    }

    private static string Sign(string secret, long timestamp, byte[] body) => StandardSigner.Sign(secret, "msg_1", timestamp, body);

    private static WebhookDelivery Delivery(byte[] body, long timestamp, string signature) => new(body, new Dictionary<string, string>
    {
        ["webhook-id"] = "msg_1",
        ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    });
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FluxSpecs.Providers.Fal;
using FluxSpecs.Webhooks;
using Signer = FluxSpecs.Emulator.Webhooks.FalWebhookSigner;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>
/// What an attacker, a proxy or a bad key cache can hand fal's verifier: every malformed, truncated, forged or altered
/// signature is a <see cref="WebhookFailure"/>, and every bad key or JWKS the documented exception, never another one
/// thrown from the Ed25519 library. The keys are given, never fetched, so no case can wait on the network.
/// </summary>
public sealed class FalHostileSignatureTests
{
    private const string RequestId = "4f8c1a2e-7d3b-4c5e-9a61-0b2d3e4f5a6b";
    private const string UserId = "user-1";

    private static readonly byte[] Body = """{"request_id":"4f8c1a2e-7d3b-4c5e-9a61-0b2d3e4f5a6b","status":"OK","payload":{"images":[{"url":"http://127.0.0.1/files/a.png"}]}}"""u8.ToArray();
    private static readonly Signer FalKey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly Signer OtherKey = new(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    private static readonly string Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    private static readonly string Signature = FalKey.Sign(RequestId, UserId, Timestamp, Body);

    public static TheoryData<string, string?, WebhookFailure> BadSignatures => new()
    {
        { "not hex", new string('z', 128), WebhookFailure.MalformedHeader },
        { "base64 instead of hex", Convert.ToBase64String(Convert.FromHexString(Signature)), WebhookFailure.MalformedHeader },
        { "odd number of hex digits", Signature[..127], WebhookFailure.MalformedHeader },
        { "63 bytes", Signature[..126], WebhookFailure.MalformedHeader },
        { "65 bytes", Signature + "00", WebhookFailure.MalformedHeader },
        { "far too long", string.Concat(Enumerable.Repeat(Signature, 1000)), WebhookFailure.MalformedHeader },
        { "non-ASCII digits", "٠١" + Signature[2..], WebhookFailure.MalformedHeader },
        { "blank", "   ", WebhookFailure.MissingHeader },
        { "absent", null, WebhookFailure.MissingHeader },
        { "all zero", new string('0', 128), WebhookFailure.InvalidSignature },
        { "all ones (S beyond the group order)", new string('f', 128), WebhookFailure.InvalidSignature },
        { "by another key", OtherKey.Sign(RequestId, UserId, Timestamp, Body), WebhookFailure.InvalidSignature },
        { "one bit flipped in R", FlipBit(Signature, 0), WebhookFailure.InvalidSignature },
        { "one bit flipped in S", FlipBit(Signature, 40), WebhookFailure.InvalidSignature },
        { "the signature of another body", FalKey.Sign(RequestId, UserId, Timestamp, "{}"u8), WebhookFailure.InvalidSignature },
    };

    public static TheoryData<string, string, string, string, WebhookFailure> AlteredDeliveries => new()
    {
        { "a bit flipped in the body", RequestId, Timestamp, FlipBit(Body, 40), WebhookFailure.InvalidSignature },
        { "a bit flipped in the timestamp", RequestId, FlipLowBit(Timestamp), Encoding.UTF8.GetString(Body), WebhookFailure.InvalidSignature },
        { "a bit flipped in the request id", FlipLowBit(RequestId), Timestamp, Encoding.UTF8.GetString(Body), WebhookFailure.InvalidSignature },
        { "a timestamp that is not a number", RequestId, "17e9", Encoding.UTF8.GetString(Body), WebhookFailure.MalformedHeader },
        { "a timestamp beyond any clock", RequestId, "99999999999999999999999", Encoding.UTF8.GetString(Body), WebhookFailure.MalformedHeader },
    };

    public static TheoryData<string, string> BadJwks => new()
    {
        { "empty text", "" },
        { "not JSON", "{keys:" },
        { "an array", "[]" },
        { "keys not an array", """{"keys":5}""" },
        { "no keys", """{"keys":[]}""" },
        { "garbage entries", """{"keys":[1,"a",null,[],{}]}""" },
        { "an Ed25519 key without x", """{"keys":[{"kty":"OKP","crv":"Ed25519"}]}""" },
        { "x not base64url", """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"!!!not base64!!!"}]}""" },
        { "x a number", """{"keys":[{"kty":"OKP","crv":"Ed25519","x":12345}]}""" },
        { "x of 31 bytes", Jwks(new byte[31]) },
        { "x of 33 bytes", Jwks(new byte[33]) },
        { "x of 32 bytes off the curve", Jwks(OffCurveKey()) },
        { "x of 32 bytes beyond the field", Jwks(Enumerable.Repeat((byte)0xFF, 32).ToArray()) },
        { "a good key beside a bad one", Jwks(FalKey.PublicKey, new byte[33]) },
        { "nested beyond the reader's depth", new string('[', 10_000) },
    };

    public static TheoryData<string, byte[][]> BadKeys => new()
    {
        { "no key", [] },
        { "a null key", [null!] },
        { "31 bytes", [new byte[31]] },
        { "33 bytes", [new byte[33]] },
        { "an empty key", [[]] },
        { "32 bytes off the curve", [OffCurveKey()] },
        { "the identity point, which every signature would satisfy", [IdentityPoint()] },
        { "a good key beside a bad one", [FalKey.PublicKey, new byte[31]] },
    };

    [Fact]
    public void The_unaltered_delivery_verifies_so_each_rejection_below_is_down_to_its_one_change()
    {
        var result = Verifier().Verify(Delivery(Signature));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(RequestId, result.State.Handle.JobId);
    }

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public void A_bad_signature_is_rejected_with_its_reason(string why, string? signature, WebhookFailure failure)
    {
        var result = Verifier().Verify(Delivery(signature));

        AssertRejected(why, failure, result, signature);
    }

    [Theory]
    [MemberData(nameof(AlteredDeliveries))]
    public void An_altered_delivery_no_longer_verifies(string why, string requestId, string timestamp, string body, WebhookFailure failure)
    {
        var result = Verifier().Verify(Delivery(Signature, requestId, timestamp, Encoding.UTF8.GetBytes(body)));

        AssertRejected(why, failure, result, Signature);
    }

    [Fact]
    public void A_signature_by_another_key_verifies_only_once_that_key_is_trusted()
    {
        var forged = Delivery(OtherKey.Sign(RequestId, UserId, Timestamp, Body));

        AssertRejected("another key", WebhookFailure.InvalidSignature, Verifier().Verify(forged), null);
        Assert.True(new FalWebhookVerifier(new FalWebhookKeySet([FalKey.PublicKey, OtherKey.PublicKey])).Verify(forged).IsValid);
    }

    [Theory]
    [MemberData(nameof(BadJwks))]
    public void A_bad_jwks_is_a_format_error(string why, string jwks)
    {
        var error = Assert.Throws<FormatException>(() => FalWebhookKeySet.Parse(jwks));

        Assert.False(string.IsNullOrEmpty(error.Message), why);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void A_bad_raw_key_is_an_argument_error(string why, byte[][] keys)
    {
        var error = Assert.Throws<ArgumentException>(() => new FalWebhookKeySet(keys));

        Assert.True(error.ParamName == "publicKeys", why);
    }

    private static FalWebhookVerifier Verifier() => new(FalWebhookKeySet.Parse(FalKey.Jwks().ToJsonString()));

    private static void AssertRejected(string why, WebhookFailure failure, WebhookVerification result, string? signature)
    {
        Assert.False(result.IsValid, why);
        Assert.Equal((why, (WebhookFailure?)failure), (why, result.Failure));
        Assert.False(string.IsNullOrEmpty(result.Reason), why);
        if (!string.IsNullOrWhiteSpace(signature))
        {
            Assert.DoesNotContain(signature, result.Reason, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static WebhookDelivery Delivery(string? signature, string requestId = RequestId, string? timestamp = null, byte[]? body = null)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Fal-Webhook-Request-Id"] = requestId,
            ["X-Fal-Webhook-User-Id"] = UserId,
            ["X-Fal-Webhook-Timestamp"] = timestamp ?? Timestamp,
        };
        if (signature is not null)
        {
            headers["X-Fal-Webhook-Signature"] = signature;
        }

        return new WebhookDelivery(body ?? Body, headers);
    }

    private static string FlipBit(string hex, int byteIndex)
    {
        var bytes = Convert.FromHexString(hex);
        bytes[byteIndex] ^= 0x01;
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The body with one bit of one byte flipped, as text: still readable JSON, no longer what was signed.</summary>
    private static string FlipBit(byte[] body, int byteIndex)
    {
        var bytes = body.ToArray();
        bytes[byteIndex] ^= 0x01;
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The last character with its low bit flipped: a digit stays a digit, so only the signature can catch it.</summary>
    private static string FlipLowBit(string text) => text[..^1] + (char)(text[^1] ^ 1);

    /// <summary>y = 2: no x satisfies the curve equation for it.</summary>
    private static byte[] OffCurveKey()
    {
        var key = new byte[32];
        key[0] = 2;
        return key;
    }

    /// <summary>y = 1, the neutral element: a key of small order, which a verifier must refuse rather than trust.</summary>
    private static byte[] IdentityPoint()
    {
        var key = new byte[32];
        key[0] = 1;
        return key;
    }

    private static string Jwks(params byte[][] keys) => new JsonObject
    {
        ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject
        {
            ["kty"] = "OKP",
            ["crv"] = "Ed25519",
            ["x"] = Convert.ToBase64String(k).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        })]),
    }.ToJsonString();
}

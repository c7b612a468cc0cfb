using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FluxSpecs.Emulator.Tests.Webhooks;

/// <summary>Webhooks delivered on completion and signed as each provider signs them; verified here as a receiver would.</summary>
public sealed class WebhookTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Replicate_webhooks_verify_with_the_standard_webhooks_scheme_and_the_default_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("replicate");
        var (_, secretBody, _) = await Http.GetAsync(client, "v1/webhooks/default/secret");
        var secret = Http.Str(secretBody!["key"]);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var body = new JsonObject
        {
            ["input"] = new JsonObject { ["prompt"] = "hooked" },
            ["webhook"] = receiver.Url.ToString(),
            ["webhook_events_filter"] = new JsonArray("completed"),
        };
        var (_, created, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", body);

        var hook = await receiver.NextAsync();
        Assert.Equal(Http.Str(created!["id"]), Http.Str(hook.Json["id"]));
        Assert.Equal("succeeded", Http.Str(hook.Json["status"]));

        var id = hook.Headers["webhook-id"];
        var timestamp = hook.Headers["webhook-timestamp"];
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(hook.Body).ToArray()));
        Assert.Contains(expected, hook.Headers["webhook-signature"].Split(' '));
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 300, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300);
    }

    [Fact]
    public async Task Replicate_sends_start_and_completed_without_a_filter()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("replicate");
        var body = new JsonObject { ["input"] = new JsonObject { ["prompt"] = "two events" }, ["webhook"] = receiver.Url.ToString() };
        await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", body);

        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();

        Assert.Equal("processing", Http.Str(first.Json["status"]));
        Assert.Equal("succeeded", Http.Str(second.Json["status"]));
    }

    [Fact]
    public async Task Bfl_webhooks_carry_a_hex_hmac_of_the_body_with_the_webhook_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("bfl");
        var body = new JsonObject
        {
            ["prompt"] = "hooked",
            ["width"] = 256,
            ["height"] = 256,
            ["webhook_url"] = receiver.Url.ToString(),
            ["webhook_secret"] = "s3cret",
        };
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", body);

        var hook = await receiver.NextAsync();

        Assert.Equal(Http.Str(created!["id"]), Http.Str(hook.Json["id"]));
        Assert.Equal("Ready", Http.Str(hook.Json["status"]));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8, hook.Body)), hook.Headers["X-BFL-Signature"]);
    }

    [Fact]
    public async Task Fal_webhooks_verify_with_ed25519_against_the_published_jwks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro?fal_webhook=" + Uri.EscapeDataString(receiver.Url.ToString()), new JsonObject { ["prompt"] = "hooked" });
        Assert.Equal(Http.Str(submitted!["request_id"]), Http.Str(submitted["gateway_request_id"]));

        var hook = await receiver.NextAsync();
        Assert.Equal("OK", Http.Str(hook.Json["status"]));
        Assert.Equal(Http.Str(submitted["request_id"]), Http.Str(hook.Json["request_id"]));
        Assert.NotNull(hook.Json["payload"]!["images"]![0]!["url"]);

        using var anonymous = emulator.Client("fal", authorized: false);
        var (_, jwks, _) = await Http.GetAsync(anonymous, ".well-known/jwks.json");
        var jwk = jwks!["keys"]![0]!;
        Assert.Equal(("OKP", "Ed25519"), (Http.Str(jwk["kty"]), Http.Str(jwk["crv"])));
        var publicKey = Convert.FromBase64String(Pad(Http.Str(jwk["x"]).Replace('-', '+').Replace('_', '/')));

        var message = Encoding.UTF8.GetBytes(string.Join('\n',
            hook.Headers["X-Fal-Webhook-Request-Id"],
            hook.Headers["X-Fal-Webhook-User-Id"],
            hook.Headers["X-Fal-Webhook-Timestamp"],
            Convert.ToHexStringLower(SHA256.HashData(hook.Body))));
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.BlockUpdate(message, 0, message.Length);
        Assert.True(verifier.VerifySignature(Convert.FromHexString(hook.Headers["X-Fal-Webhook-Signature"])));

        // A tampered body must not verify.
        var tampered = Encoding.UTF8.GetBytes(string.Join('\n', hook.Headers["X-Fal-Webhook-Request-Id"], hook.Headers["X-Fal-Webhook-User-Id"], hook.Headers["X-Fal-Webhook-Timestamp"], Convert.ToHexStringLower(SHA256.HashData("{}"u8))));
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.BlockUpdate(tampered, 0, tampered.Length);
        Assert.False(verifier.VerifySignature(Convert.FromHexString(hook.Headers["X-Fal-Webhook-Signature"])));
    }

    [Fact]
    public async Task Fal_reports_a_failed_request_as_error_in_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("fal");
        await Http.PostAsync(client, "fal-ai/flux-2-pro?fal_webhook=" + Uri.EscapeDataString(receiver.Url.ToString()), new JsonObject { ["prompt"] = "x" }, fault: "fail;message=worker crashed");

        var hook = await receiver.NextAsync();

        Assert.Equal("ERROR", Http.Str(hook.Json["status"]));
        Assert.Equal("worker crashed", Http.Str(hook.Json["error"]));
    }

    [Fact]
    public async Task Core_today_calls_its_webhook_for_the_events_asked_for()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("core-today");
        var body = new JsonObject
        {
            ["model"] = "black-forest-labs/flux-2-dev",
            ["input"] = new JsonObject { ["prompt"] = "hooked" },
            ["webhook"] = receiver.Url.ToString(),
            ["webhook_events"] = new JsonArray("completed"),
        };
        var (_, created, _) = await Http.PostAsync(client, "v1/predictions", body);

        var hook = await receiver.NextAsync();

        Assert.Equal(Http.Str(created!["job_id"]), Http.Str(hook.Json["job_id"]));
        Assert.Equal("completed", Http.Str(hook.Json["status"]));
    }

    [Fact]
    public async Task Magnific_posts_each_status_change_without_the_data_wrapper()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = emulator.Client("magnific");
        await Http.PostAsync(client, "v1/ai/text-to-image/flux-2-pro", new JsonObject { ["prompt"] = "hooked", ["webhook_url"] = receiver.Url.ToString() });

        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();

        Assert.Equal("IN_PROGRESS", Http.Str(first.Json["status"]));
        Assert.Equal("COMPLETED", Http.Str(second.Json["status"]));
        Assert.Single(second.Json["generated"]!.AsArray());
        Assert.Null(second.Json["data"]);
    }

    [Fact]
    public async Task A_webhook_to_a_non_loopback_address_is_never_sent()
    {
        using var client = emulator.Client("bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", new JsonObject { ["prompt"] = "x", ["webhook_url"] = "http://example.com/hook" });
        var id = Http.Str(created!["id"]);
        await Http.PollAsync(client, Http.Str(created["polling_url"]), r => Http.Str(r["status"]) == "Ready");

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!emulator.Server.Webhooks.Any(w => w.JobId == id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var delivery = Assert.Single(emulator.Server.Webhooks, w => w.JobId == id);
        Assert.False(delivery.Delivered);
        Assert.Equal(0, delivery.Attempts);
        Assert.Contains("loopback", delivery.Error, StringComparison.Ordinal);
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FluxSpecs.Emulator.Webhooks;

/// <summary>
/// fal's webhook signature: Ed25519 over <c>request_id \n user_id \n timestamp \n sha256hex(body)</c>, sent hex-encoded in
/// <c>X-Fal-Webhook-Signature</c> beside <c>X-Fal-Webhook-Request-Id</c>, <c>-User-Id</c> and <c>-Timestamp</c>. The
/// public key is published as a JWKS, as fal publishes its own.
/// </summary>
internal sealed class FalWebhookSigner
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    /// <summary>Creates a signer from a 32-byte Ed25519 private key (seed), or a new random key.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public FalWebhookSigner(ReadOnlySpan<byte> privateKey = default)
    {
        var seed = privateKey.IsEmpty ? RandomNumberGenerator.GetBytes(32) : privateKey.ToArray();
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 private key is 32 bytes.", nameof(privateKey));
        }

        _privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        PublicKey = _privateKey.GeneratePublicKey().GetEncoded();
    }

    /// <summary>The 32-byte Ed25519 public key clients verify with.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The key id in the JWKS.</summary>
    public string KeyId => "fluxspecs-emulator-" + Convert.ToHexStringLower(SHA256.HashData(PublicKey).AsSpan(0, 4));

    /// <summary>The message fal signs.</summary>
    public static byte[] Message(string requestId, string userId, string timestamp, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");

    /// <summary>The hex signature of a webhook.</summary>
    public string Sign(string requestId, string userId, string timestamp, ReadOnlySpan<byte> body)
    {
        var message = Message(requestId, userId, timestamp, body);
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    /// <summary>The JWKS document with the public key (<c>kty: OKP</c>, <c>crv: Ed25519</c>).</summary>
    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = "OKP",
            ["crv"] = "Ed25519",
            ["x"] = Base64Url(PublicKey),
            ["kid"] = KeyId,
            ["use"] = "sig",
            ["alg"] = "EdDSA",
        }),
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using FluxSpecs.Errors;
using System.Text.Json;
using FluxSpecs.Providers;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

using FluxSpecs.Webhooks;

namespace FluxSpecs.Providers.Fal;

/// <summary>
/// The Ed25519 public keys fal signs webhooks with, as fal publishes them: a JWKS whose keys have <c>kty: OKP</c>,
/// <c>crv: Ed25519</c> and the key in <c>x</c> (base64url).
/// </summary>
/// <remarks>
/// Fetching is the caller's choice: <see cref="FetchAsync"/> reads <see cref="DefaultUrl"/>, or <see cref="Parse"/> takes
/// a copy you ship or cache. fal's advice, as community implementations report it, is to cache the set for up to 24 hours
/// and fetch again when a delivery fails to verify after a key rotation.
/// </remarks>
public sealed class FalWebhookKeySet
{
    private readonly Ed25519PublicKeyParameters[] _keys;

    /// <summary>Creates a set from raw 32-byte Ed25519 public keys.</summary>
    /// <exception cref="ArgumentException">A key is not 32 bytes or not a point on the curve, or there is none.</exception>
    public FalWebhookKeySet(IEnumerable<byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        var keys = publicKeys.ToList();
        var decoded = keys.Select(Decode).ToList();
        if (decoded.Count == 0 || decoded.Contains(null))
        {
            throw new ArgumentException("A fal webhook key set holds one or more 32-byte Ed25519 public keys.", nameof(publicKeys));
        }

        PublicKeys = [.. keys.Select(k => (ReadOnlyMemory<byte>)k.ToArray())];
        _keys = [.. decoded.Select(k => k!)];
    }

    /// <summary>Where fal publishes its webhook keys: <c>https://rest.fal.ai/.well-known/jwks.json</c>.</summary>
    public static Uri DefaultUrl { get; } = new("https://rest.fal.ai/.well-known/jwks.json");

    /// <summary>The raw 32-byte public keys.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> PublicKeys { get; }

    /// <summary>Reads a JWKS document; keys of other types are skipped.</summary>
    /// <exception cref="FormatException">The text is not a JWKS, an Ed25519 key is not 32 bytes of base64url, or there is no Ed25519 key.</exception>
    public static FalWebhookKeySet Parse(string jwksJson)
    {
        ArgumentNullException.ThrowIfNull(jwksJson);
        try
        {
            using var document = JsonDocument.Parse(jwksJson);
            return FromJwks(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException("The fal webhook key set is not JSON.", e);
        }
    }

    /// <summary>Downloads and reads a JWKS (by default fal's, at <see cref="DefaultUrl"/>).</summary>
    /// <exception cref="ProviderException">The download failed or was refused.</exception>
    /// <exception cref="FormatException">The answer is not a JWKS with an Ed25519 key.</exception>
    public static async Task<FalWebhookKeySet> FetchAsync(HttpClient http, Uri? url = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        url ??= DefaultUrl;
        var request = ProviderHttp.Request(HttpMethod.Get, url);
        var response = await ProviderHttp.SendAsync(FalProvider.Id, "webhook keys", new ProviderConnection(http, url, apiKey: null), request, cancellationToken).ConfigureAwait(false);
        return FromJwks(response.Body);
    }

    /// <summary>True when one of the keys verifies <paramref name="signature"/> over <paramref name="message"/>.</summary>
    internal bool Verify(ReadOnlySpan<byte> message, byte[] signature)
    {
        foreach (var key in _keys)
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, key);
            verifier.BlockUpdate(message);
            if (verifier.VerifySignature(signature))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A summary: how many keys.</summary>
    public override string ToString() => $"fal webhook key set ({_keys.Length} Ed25519 key(s))";

    private static FalWebhookKeySet FromJwks(JsonElement jwks)
    {
        if (jwks.Property("keys") is not { ValueKind: JsonValueKind.Array } keys)
        {
            throw new FormatException("A JWKS is an object with a 'keys' array.");
        }

        var found = new List<byte[]>();
        foreach (var key in keys.EnumerateArray())
        {
            if (key.String("kty") != "OKP" || key.String("crv") != "Ed25519")
            {
                continue;
            }

            var x = key.String("x") ?? throw new FormatException("An Ed25519 key in the JWKS has no 'x'.");
            var bytes = FromBase64Url(x);
            found.Add(Decode(bytes) is not null
                ? bytes
                : throw new FormatException("An Ed25519 key in the JWKS is not 32 bytes encoding a point on the curve."));
        }

        return found.Count > 0 ? new FalWebhookKeySet(found) : throw new FormatException("The JWKS has no Ed25519 (kty OKP, crv Ed25519) key.");
    }

    /// <summary>The key, or null when it is not 32 bytes or not a point on the curve (BouncyCastle 2 checks the point).</summary>
    private static Ed25519PublicKeyParameters? Decode(byte[]? key)
    {
        if (key?.Length != Ed25519PublicKeyParameters.KeySize)
        {
            return null;
        }

        try
        {
            return new Ed25519PublicKeyParameters(key);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}

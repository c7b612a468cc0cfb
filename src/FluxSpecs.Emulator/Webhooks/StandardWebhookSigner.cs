using System.Security.Cryptography;
using System.Text;

namespace FluxSpecs.Emulator.Webhooks;

/// <summary>
/// Replicate's webhook signature (the Standard Webhooks scheme): HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with the
/// base64-decoded part of a <c>whsec_…</c> secret, sent as <c>webhook-signature: v1,&lt;base64&gt;</c>.
/// </summary>
internal static class StandardWebhookSigner
{
    /// <summary>The prefix of a Standard Webhooks secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>A new random secret, <c>whsec_</c> and 32 bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value for a message.</summary>
    /// <exception cref="FormatException">The secret is not <c>whsec_</c> followed by base64.</exception>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}

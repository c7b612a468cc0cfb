using System.Security.Cryptography;
using System.Text;

namespace FluxSpecs.Emulator.Webhooks;

/// <summary>
/// BFL's webhook signature as BFL's own example client expects it: <c>X-BFL-Signature: sha256=&lt;hex HMAC-SHA256(raw body,
/// webhook_secret)&gt;</c>. BFL's official scheme was not found (providers.md), so this follows that example.
/// </summary>
internal static class BflWebhookSigner
{
    /// <summary>The signature header.</summary>
    public const string HeaderName = "X-BFL-Signature";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

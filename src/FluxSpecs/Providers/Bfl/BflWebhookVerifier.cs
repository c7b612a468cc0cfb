using System.Buffers;
using System.Security.Cryptography;
using System.Text;

using FluxSpecs.Webhooks;

namespace FluxSpecs.Providers.Bfl;

/// <summary>
/// Verifies Black Forest Labs' webhooks: <c>X-BFL-Signature: sha256=&lt;hex HMAC-SHA256(raw body, webhook_secret)&gt;</c>,
/// compared in constant time, where <c>webhook_secret</c> is the secret the create request sent.
/// </summary>
/// <remarks>
/// BFL's official payload format and signature scheme were not found; this follows BFL's own example client (the
/// <c>skills</c> repository's <c>python-client.py</c>), which is also what the emulator sends. The scheme signs no time,
/// so a captured delivery can be replayed: it only ever repeats a state the job really had, but do not treat a delivery
/// as proof of anything newer. Without a <c>webhook_secret</c> in the request, nothing is signed.
/// </remarks>
public sealed class BflWebhookVerifier : IWebhookVerifier
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-BFL-Signature";

    private const string Prefix = "sha256=";
    private const int SignatureLength = 32;

    private readonly byte[] _secret;
    private readonly TimeProvider _clock;

    /// <summary>Creates a verifier for the <c>webhook_secret</c> the create request carried.</summary>
    /// <param name="webhookSecret">The secret, as sent in <c>webhook_secret</c>.</param>
    /// <param name="timeProvider">The clock that dates the result URLs' expiry; the system clock when null.</param>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public BflWebhookVerifier(string webhookSecret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookSecret);
        _secret = Encoding.UTF8.GetBytes(webhookSecret);
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string ProviderId => BflProvider.Id;

    /// <inheritdoc />
    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Header(SignatureHeader) is not { } header)
        {
            return WebhookVerification.Rejected(WebhookFailure.MissingHeader, $"the {SignatureHeader} header is missing");
        }

        Span<byte> given = stackalloc byte[SignatureLength];
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done
            || written != SignatureLength)
        {
            return WebhookVerification.Rejected(WebhookFailure.MalformedHeader, $"{SignatureHeader} is not 'sha256=' and 64 hex digits");
        }

        Span<byte> expected = stackalloc byte[SignatureLength];
        HMACSHA256.HashData(_secret, delivery.Body.Span, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? WebhookPayload.Read(ProviderId, delivery.Body, _clock.GetUtcNow())
            : WebhookVerification.Rejected(WebhookFailure.InvalidSignature, $"{SignatureHeader} does not match the body under this secret");
    }

    /// <summary>A summary; never the secret.</summary>
    public override string ToString() => $"{ProviderId} webhook verifier (HMAC-SHA256 of the body)";
}

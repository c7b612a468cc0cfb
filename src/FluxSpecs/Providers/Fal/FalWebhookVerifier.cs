using System.Buffers;
using System.Security.Cryptography;
using System.Text;

using FluxSpecs.Webhooks;

namespace FluxSpecs.Providers.Fal;

/// <summary>
/// Verifies fal's webhooks: <c>X-Fal-Webhook-Signature</c> is a hex Ed25519 signature over
/// <c>{request id}\n{user id}\n{timestamp}\n{hex SHA-256 of the body}</c>, taken from the <c>X-Fal-Webhook-Request-Id</c>,
/// <c>-User-Id</c> and <c>-Timestamp</c> headers, checked against fal's published keys (<see cref="FalWebhookKeySet"/>).
/// The timestamp must be within <see cref="Tolerance"/> (300 seconds) of now, either way.
/// </summary>
/// <remarks>
/// fal's documentation describes the JWKS check but its public excerpt stops before the details; headers, message and
/// tolerance follow several community implementations (see docs/providers.md). fal retries a failed delivery 10 times
/// over 2 hours.
/// </remarks>
public sealed class FalWebhookVerifier : IWebhookVerifier
{
    /// <summary>The tolerance fal's implementations use: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private const string RequestIdHeader = "X-Fal-Webhook-Request-Id";
    private const string UserIdHeader = "X-Fal-Webhook-User-Id";
    private const string TimestampHeader = "X-Fal-Webhook-Timestamp";
    private const string SignatureHeader = "X-Fal-Webhook-Signature";
    private const int SignatureLength = 64;

    private readonly FalWebhookKeySet _keys;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _tolerance = DefaultTolerance;

    /// <summary>Creates a verifier over fal's public keys.</summary>
    /// <param name="keys">The keys, from <see cref="FalWebhookKeySet.FetchAsync"/> or <see cref="FalWebhookKeySet.Parse"/>.</param>
    /// <param name="timeProvider">The clock the timestamp is checked against; the system clock when null.</param>
    public FalWebhookVerifier(FalWebhookKeySet keys, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string ProviderId => FalProvider.Id;

    /// <summary>How far the signed timestamp may be from now, either way (default 300 seconds).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan Tolerance
    {
        get => _tolerance;
        init => _tolerance = WebhookTimestamp.Validate(value, nameof(Tolerance));
    }

    /// <inheritdoc />
    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        string?[] values = [delivery.Header(RequestIdHeader), delivery.Header(UserIdHeader), delivery.Header(TimestampHeader), delivery.Header(SignatureHeader)];
        string[] names = [RequestIdHeader, UserIdHeader, TimestampHeader, SignatureHeader];
        if (Array.IndexOf(values, null) is var missing and >= 0)
        {
            return WebhookVerification.Rejected(WebhookFailure.MissingHeader, $"the {names[missing]} header is missing");
        }

        var (requestId, userId, timestamp, signatureHex) = (values[0]!, values[1]!, values[2]!, values[3]!);
        if (!WebhookTimestamp.TryRead(timestamp, out var seconds))
        {
            return WebhookVerification.Rejected(WebhookFailure.MalformedHeader, $"{TimestampHeader} is not Unix seconds");
        }

        var signature = new byte[SignatureLength];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done || written != SignatureLength)
        {
            return WebhookVerification.Rejected(WebhookFailure.MalformedHeader, $"{SignatureHeader} is not 128 hex digits");
        }

        var message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(delivery.Body.Span))}");
        if (!_keys.Verify(message, signature))
        {
            return WebhookVerification.Rejected(WebhookFailure.InvalidSignature, $"{SignatureHeader} does not verify under any of fal's keys");
        }

        var now = _clock.GetUtcNow();
        return WebhookTimestamp.Check(seconds, now, Tolerance) is { } stale
            ? WebhookVerification.Rejected(WebhookFailure.StaleTimestamp, stale)
            : WebhookPayload.Read(ProviderId, delivery.Body, now);
    }

    /// <summary>A summary.</summary>
    public override string ToString() => $"{ProviderId} webhook verifier (Ed25519, {_keys}, tolerance {Tolerance})";
}

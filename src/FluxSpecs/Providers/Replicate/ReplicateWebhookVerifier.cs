using FluxSpecs.Errors;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FluxSpecs.Providers;

using FluxSpecs.Webhooks;

namespace FluxSpecs.Providers.Replicate;

/// <summary>
/// Verifies Replicate's webhooks, which follow Standard Webhooks: <c>webhook-signature</c> holds space-separated
/// <c>v1,&lt;base64 HMAC-SHA256&gt;</c> entries over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the
/// base64 part of the account's <c>whsec_…</c> secret. A delivery is accepted when one entry matches (compared in
/// constant time) and its timestamp is within <see cref="Tolerance"/> (5 minutes) of now, either way.
/// </summary>
/// <remarks>
/// The secret is the account's, not the request's: get it once with <see cref="FetchSecretAsync"/>
/// (<c>GET /v1/webhooks/default/secret</c>) and keep it like an API key. Replicate retries a delivery that is not
/// answered 2xx within a few seconds (Standard Webhooks keeps the <c>webhook-id</c> across retries); a state is a
/// snapshot, so applying it twice is harmless.
/// </remarks>
public sealed class ReplicateWebhookVerifier : IWebhookVerifier
{
    /// <summary>The Standard Webhooks tolerance: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";
    private const int SignatureLength = 32;

    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _tolerance = DefaultTolerance;

    /// <summary>Creates a verifier for the account's signing secret.</summary>
    /// <param name="secret">The <c>whsec_…</c> secret (the prefix may be left out); the rest is base64.</param>
    /// <param name="timeProvider">The clock the timestamp is checked against; the system clock when null.</param>
    /// <exception cref="ArgumentException">The secret is empty or not base64 after its prefix.</exception>
    public ReplicateWebhookVerifier(string secret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var key = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, key, out var length) || length == 0)
        {
            throw new ArgumentException("A Replicate webhook secret is 'whsec_' followed by base64.", nameof(secret));
        }

        _key = key[..length];
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string ProviderId => ReplicateProvider.Id;

    /// <summary>How far the signed timestamp may be from now, either way (default 5 minutes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan Tolerance
    {
        get => _tolerance;
        init => _tolerance = WebhookTimestamp.Validate(value, nameof(Tolerance));
    }

    /// <summary>Asks Replicate for the account's webhook signing secret (<c>GET /v1/webhooks/default/secret</c>).</summary>
    /// <exception cref="ProviderException">Replicate refused or failed the request.</exception>
    public static async Task<string> FetchSecretAsync(ProviderConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string operation = "webhook secret";
        var request = ProviderHttp.Request(HttpMethod.Get, connection.Url("v1/webhooks/default/secret"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.ApiKey);
        var body = (await ProviderHttp.SendAsync(ReplicateProvider.Id, operation, connection, request, cancellationToken).ConfigureAwait(false)).Body;
        return body.String("key") ?? throw new ProviderException(ReplicateProvider.Id, operation, null, null, "the answer has no key", jobMayExist: false);
    }

    /// <inheritdoc />
    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Header("webhook-id") is not { } id)
        {
            return Missing("webhook-id");
        }

        if (delivery.Header("webhook-timestamp") is not { } timestamp)
        {
            return Missing("webhook-timestamp");
        }

        if (delivery.Header("webhook-signature") is not { } signatures)
        {
            return Missing("webhook-signature");
        }

        if (!WebhookTimestamp.TryRead(timestamp, out var seconds))
        {
            return WebhookVerification.Rejected(WebhookFailure.MalformedHeader, "webhook-timestamp is not Unix seconds");
        }

        if (!Matches(id, timestamp, delivery.Body.Span, signatures))
        {
            return WebhookVerification.Rejected(WebhookFailure.InvalidSignature, "no v1 entry of webhook-signature matches the body under this secret");
        }

        var now = _clock.GetUtcNow();
        return WebhookTimestamp.Check(seconds, now, Tolerance) is { } stale
            ? WebhookVerification.Rejected(WebhookFailure.StaleTimestamp, stale)
            : WebhookPayload.Read(ProviderId, delivery.Body, now);
    }

    /// <summary>A summary; never the secret.</summary>
    public override string ToString() => $"{ProviderId} webhook verifier (Standard Webhooks, tolerance {Tolerance})";

    private bool Matches(string id, string timestamp, ReadOnlySpan<byte> body, string signatures)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        Span<byte> expected = stackalloc byte[SignatureLength];
        hmac.GetHashAndReset(expected);

        // Several signatures are sent while a secret is being rotated; any one matching is enough.
        Span<byte> given = stackalloc byte[SignatureLength + 3];
        var matched = false;
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && entry.AsSpan(0, comma).SequenceEqual("v1")
                && Convert.TryFromBase64String(entry[(comma + 1)..].TrimEnd(','), given, out var length) && length == SignatureLength)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, given[..length]);
            }
        }

        return matched;
    }

    private static WebhookVerification Missing(string header) =>
        WebhookVerification.Rejected(WebhookFailure.MissingHeader, $"the {header} header is missing");
}

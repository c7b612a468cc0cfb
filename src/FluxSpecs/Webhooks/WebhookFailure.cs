namespace FluxSpecs.Webhooks;

/// <summary>Why a webhook delivery was rejected.</summary>
public enum WebhookFailure
{
    /// <summary>A header the provider always sends is missing.</summary>
    MissingHeader,

    /// <summary>A header is present but unreadable (a timestamp that is not a number, a signature that is not hex).</summary>
    MalformedHeader,

    /// <summary>No signature matches the body under the secret or keys given: tampered, or signed with another secret.</summary>
    InvalidSignature,

    /// <summary>The signature is good but its timestamp is outside the tolerance: a replay, or a clock far off.</summary>
    StaleTimestamp,

    /// <summary>The body is authentic but is not a payload this provider sends.</summary>
    MalformedBody,
}

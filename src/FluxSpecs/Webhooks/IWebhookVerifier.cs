namespace FluxSpecs.Webhooks;

/// <summary>
/// Checks that a webhook delivery comes from the provider (signature, and freshness where the provider signs a time) and
/// reads the job state it reports.
/// </summary>
public interface IWebhookVerifier
{
    /// <summary>The provider id (<see cref="ProviderIds"/>).</summary>
    string ProviderId { get; }

    /// <summary>Verifies and parses a delivery. Never throws for a bad delivery: the result says what is wrong.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="delivery"/> is null.</exception>
    WebhookVerification Verify(WebhookDelivery delivery);
}

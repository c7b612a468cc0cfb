namespace FluxSpecs.Providers.Replicate;

/// <summary>Replicate: the definition FluxSpecs registers for it.</summary>
public static class ReplicateProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "replicate";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "Replicate",
        DefaultBaseUrl = new Uri("https://api.replicate.com/"),
        KeyVariable = "REPLICATE_API_TOKEN",
        Auth = ProviderAuth.Bearer,
        Body = BodyEnvelope.Input,
        Capabilities = ProviderCapabilities.Cancel | ProviderCapabilities.WaitOnCreate | ProviderCapabilities.Webhooks | ProviderCapabilities.SignedWebhooks,

        // "Creating predictions is limited to 600 requests per minute", with short bursts allowed
        // (replicate.com/docs/topics/predictions/rate-limits): 10 a second, a second's worth at once.
        MaxCreatesPerSecond = 10,
        CreateProtocol = connection => new ReplicateProtocol(connection),
        ReadWebhook = ReplicateProtocol.ReadWebhook,
    };
}

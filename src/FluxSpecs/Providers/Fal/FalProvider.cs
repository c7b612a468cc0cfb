namespace FluxSpecs.Providers.Fal;

/// <summary>fal.ai: the definition FluxSpecs registers for it.</summary>
public static class FalProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "fal";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "fal.ai",
        DefaultBaseUrl = new Uri("https://queue.fal.run/"),
        KeyVariable = "FAL_KEY",
        Auth = new("Authorization", "Key"),
        Body = BodyEnvelope.Flat,
        Capabilities = ProviderCapabilities.Cancel | ProviderCapabilities.Webhooks | ProviderCapabilities.SignedWebhooks | ProviderCapabilities.StatusStream,
        CreateProtocol = connection => new FalProtocol(connection),
        ReadWebhook = FalProtocol.ReadWebhook,
    };
}

namespace FluxSpecs.Providers.Bfl;

/// <summary>Black Forest Labs: the definition FluxSpecs registers for it.</summary>
public static class BflProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "bfl";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "Black Forest Labs",
        DefaultBaseUrl = new Uri("https://api.bfl.ai/"),
        KeyVariable = "BFL_API_KEY",
        Auth = new("x-key"),
        Body = BodyEnvelope.Flat,
        Capabilities = ProviderCapabilities.Webhooks | ProviderCapabilities.SignedWebhooks,

        // 24 concurrent tasks per key (docs.bfl.ai rate limits); a 25th create is refused with 429.
        MaxActiveJobs = 24,
        CreateProtocol = connection => new BflProtocol(connection),
        ReadWebhook = BflProtocol.ReadWebhook,
    };
}

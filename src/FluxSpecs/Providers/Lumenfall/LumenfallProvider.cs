namespace FluxSpecs.Providers.Lumenfall;

/// <summary>Lumenfall: the definition FluxSpecs registers for it.</summary>
public static class LumenfallProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "lumenfall";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "Lumenfall",
        DefaultBaseUrl = new Uri("https://api.lumenfall.ai/"),
        KeyVariable = "LUMENFALL_API_KEY",
        Auth = ProviderAuth.Bearer,
        Body = BodyEnvelope.FlatWithModel,
        Capabilities = ProviderCapabilities.ResultOnCreate,
        CreateProtocol = connection => new LumenfallProtocol(connection),
    };
}

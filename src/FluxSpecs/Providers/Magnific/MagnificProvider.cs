namespace FluxSpecs.Providers.Magnific;

/// <summary>Magnific (Freepik): the definition FluxSpecs registers for it.</summary>
public static class MagnificProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "magnific";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "Magnific (Freepik)",
        DefaultBaseUrl = new Uri("https://api.magnific.com/"),
        KeyVariable = "MAGNIFIC_API_KEY",
        Auth = new("x-magnific-api-key"),
        Body = BodyEnvelope.Flat,
        Capabilities = ProviderCapabilities.Webhooks,
        CreateProtocol = connection => new MagnificProtocol(connection),
        ReadWebhook = MagnificProtocol.ReadWebhook,
    };
}

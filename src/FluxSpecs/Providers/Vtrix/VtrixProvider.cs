namespace FluxSpecs.Providers.Vtrix;

/// <summary>Vtrix: the definition FluxSpecs registers for it.</summary>
public static class VtrixProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "vtrix";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "Vtrix",
        DefaultBaseUrl = new Uri("https://cloud.vtrix.ai/"),
        KeyVariable = "VTRIX_API_KEY",
        Auth = ProviderAuth.Bearer,
        Body = BodyEnvelope.FlatWithModel,
        Capabilities = ProviderCapabilities.None,
        CreateProtocol = connection => new VtrixProtocol(connection),
    };
}

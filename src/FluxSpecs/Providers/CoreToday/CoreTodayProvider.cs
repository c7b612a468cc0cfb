namespace FluxSpecs.Providers.CoreToday;

/// <summary>core.today: the definition FluxSpecs registers for it.</summary>
public static class CoreTodayProvider
{
    /// <summary>The provider id.</summary>
    public const string Id = "core-today";

    /// <summary>Its endpoint, key, body shape, capabilities, protocol and webhooks.</summary>
    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "core.today",
        DefaultBaseUrl = new Uri("https://api.core.today/"),
        KeyVariable = "CORE_TODAY_API_KEY",
        Auth = new("X-API-Key"),
        Body = BodyEnvelope.ModelAndInput,
        Capabilities = ProviderCapabilities.Cancel | ProviderCapabilities.Webhooks,
        CreateProtocol = connection => new CoreTodayProtocol(connection),
        ReadWebhook = CoreTodayProtocol.ReadWebhook,
    };
}

using FluxSpecs.Providers;

namespace FluxSpecs.CustomProvider.Tests.Acme;

/// <summary>A provider FluxSpecs does not ship: defined, registered and served by this test project alone.</summary>
public static class AcmeProvider
{
    public const string Id = "acme";

    public const string KeyVariable = "ACME_API_KEY";

    public static ProviderDefinition Definition { get; } = new()
    {
        Id = Id,
        DisplayName = "Acme Images",
        DefaultBaseUrl = new Uri("https://api.acme.invalid/"),
        KeyVariable = KeyVariable,
        Auth = new ProviderAuth("x-acme-key"),
        Body = BodyEnvelope.FlatWithModel,
        Capabilities = ProviderCapabilities.Cancel,
        CreateProtocol = connection => new AcmeProtocol(connection),
    };

    /// <summary>Registers Acme once per process; every test calls it first.</summary>
    public static void EnsureRegistered() => ProviderRegistry.Register(Definition);
}

namespace FluxSpecs.Emulator.Tests.Infrastructure;

/// <summary>HttpClients set up as each provider's client would be: base URL and auth header.</summary>
public static class TestHttpClients
{
    public const string Key = "test-key-123";

    public static HttpClient For(EmulatorServer server, string providerId, bool authorized = true, string key = Key)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.ProviderBaseUrl(providerId), Timeout = TimeSpan.FromSeconds(20) };
        if (authorized)
        {
            var (header, value) = AuthHeader(providerId, key);
            client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        }

        return client;
    }

    public static (string Header, string Value) AuthHeader(string providerId, string key = Key) => providerId switch
    {
        "replicate" or "vtrix" or "lumenfall" => ("Authorization", "Bearer " + key),
        "core-today" => ("X-API-Key", key),
        "bfl" => ("x-key", key),
        "fal" => ("Authorization", "Key " + key),
        "magnific" => ("x-magnific-api-key", key),
        _ => throw new ArgumentOutOfRangeException(nameof(providerId), providerId, null),
    };

    /// <summary>A plain client for absolute URLs (polling URLs, image downloads).</summary>
    public static HttpClient Plain() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };
}

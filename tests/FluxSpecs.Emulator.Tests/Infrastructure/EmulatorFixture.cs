namespace FluxSpecs.Emulator.Tests.Infrastructure;

/// <summary>
/// One emulator on an ephemeral loopback port, shared by the tests of a class. It runs strict, as every FluxSpecs test's
/// emulator does, so a field the card does not give is an error rather than ignored.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _server;

    public EmulatorServer Server => _server ?? throw new InvalidOperationException("The emulator has not started.");

    public async Task InitializeAsync() => _server = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A client for <paramref name="providerId"/> with its auth header set (unless <paramref name="authorized"/> is false).</summary>
    public HttpClient Client(string providerId, bool authorized = true) => TestHttpClients.For(Server, providerId, authorized);
}

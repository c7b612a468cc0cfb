using System.Net;
using System.Net.Sockets;
using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>A create whose connection could not be established reached no provider: it says no job exists.</summary>
public sealed class ConnectionRefusedTests
{
    [Theory]
    [InlineData("bfl")]
    [InlineData("replicate")]
    [InlineData("fal")]
    public async Task A_create_to_a_port_nothing_listens_on_made_no_job(string providerId)
    {
        // Bound, noted and let go: the port refuses connections.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Providers[providerId] = new ProviderOptions { ApiKey = "k", BaseUrl = new Uri($"http://127.0.0.1:{port}/{providerId}/") };
        using var client = new FluxSpecsClient(options);
        var request = new Flux2ProRequest { Prompt = "x" };

        var refused = await Assert.ThrowsAsync<ProviderTransportException>(() => client.StartAsync(request, providerId));

        Assert.False(refused.JobMayExist);
        Assert.False(refused.MayHaveCharged);
        Assert.Null(refused.StatusCode);
        Assert.Contains("could not be established (ConnectionError)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("No job was created", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_connect_or_name_lookup_failure_counts_as_never_connected()
    {
        static HttpRequestException Failure(HttpRequestError error, SocketError socket) => new(error, "x", new SocketException((int)socket));

        Assert.True(ProviderTransportException.NeverConnected(Failure(HttpRequestError.ConnectionError, SocketError.ConnectionRefused)));
        Assert.True(ProviderTransportException.NeverConnected(Failure(HttpRequestError.NameResolutionError, SocketError.HostNotFound)));

        // A reset, an abort or a timeout may come after the request went out; and an error without the socket's reason is
        // not trusted either.
        Assert.False(ProviderTransportException.NeverConnected(Failure(HttpRequestError.ConnectionError, SocketError.ConnectionReset)));
        Assert.False(ProviderTransportException.NeverConnected(Failure(HttpRequestError.ConnectionError, SocketError.TimedOut)));
        Assert.False(ProviderTransportException.NeverConnected(Failure(HttpRequestError.ResponseEnded, SocketError.ConnectionRefused)));
        Assert.False(ProviderTransportException.NeverConnected(new HttpRequestException(HttpRequestError.ConnectionError, "x")));
        Assert.False(ProviderTransportException.NeverConnected(Failure(HttpRequestError.Unknown, SocketError.ConnectionRefused)));
    }
}

using System.Net.Sockets;
using FluxSpecs.Providers;

namespace FluxSpecs.Errors;

/// <summary>
/// No answer came from the provider: the connection failed, was dropped, or timed out. On a create, a job may exist
/// unless the connection was never established (refused, or the host name did not resolve), which proves that no byte
/// of the request reached the provider.
/// </summary>
public sealed class ProviderTransportException : ProviderException
{
    /// <summary>Creates the exception; on a create, a job may exist.</summary>
    public ProviderTransportException(string providerId, string operation, string what, Exception inner)
        : this(providerId, operation, what, inner, jobMayExist: operation == ProviderHttp.Create)
    {
    }

    private ProviderTransportException(string providerId, string operation, string what, Exception inner, bool jobMayExist)
        : base(providerId, operation, null, null, what, jobMayExist, inner)
    {
    }

    /// <summary>
    /// The exception for a request that <see cref="HttpClient.SendAsync(HttpRequestMessage, CancellationToken)"/> failed
    /// with <paramref name="inner"/>: a create whose connection was never established made no job; any other failure of
    /// a create (a reset, a dropped connection, a protocol error) may have followed the request, so a job may exist.
    /// </summary>
    internal static ProviderTransportException FromSend(string providerId, string operation, HttpRequestException inner)
    {
        var neverConnected = NeverConnected(inner);
        var what = neverConnected
            ? "the connection could not be established (" + inner.HttpRequestError + "); nothing was sent"
            : "the connection failed (" + inner.HttpRequestError + ")";
        return new ProviderTransportException(providerId, operation, what, inner, jobMayExist: operation == ProviderHttp.Create && !neverConnected);
    }

    /// <summary>
    /// True only when the failure is, beyond doubt, one of establishing the connection: .NET says so
    /// (<see cref="HttpRequestError.ConnectionError"/> or <see cref="HttpRequestError.NameResolutionError"/>) and the
    /// socket's own error is one that only a connect or a name lookup gives (refused, unreachable, host not found). A
    /// reset, an abort or a timeout can come after the request went out, so they are never counted here.
    /// </summary>
    internal static bool NeverConnected(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        && exception.InnerException is SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                or SocketError.HostUnreachable or SocketError.NetworkUnreachable,
        };
}

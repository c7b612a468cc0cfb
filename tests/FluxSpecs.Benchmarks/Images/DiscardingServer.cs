using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FluxSpecs.Benchmarks.Images;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that reads each request body into one small buffer and throws it away, then answers
/// <c>200 {}</c>. It stands in for a provider when only the client's cost of sending a body is measured, and allocates
/// next to nothing itself, so the client's allocations and memory are what a measurement sees.
/// </summary>
public sealed class DiscardingServer : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public DiscardingServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Body bytes received so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _received);

    private long _received;

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
                connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var filled = 0;
            try
            {
                while (true)
                {
                    // Headers: read until the blank line.
                    int end;
                    while ((end = HeaderEnd(buffer.AsSpan(0, filled))) < 0)
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory(filled), _stopping.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                    }

                    var remaining = ContentLength(Encoding.ASCII.GetString(buffer, 0, end)) - (filled - end);
                    Interlocked.Add(ref _received, filled - end);
                    filled = 0;
                    while (remaining > 0)
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), _stopping.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        remaining -= read;
                        Interlocked.Add(ref _received, read);
                    }

                    await stream.WriteAsync(Answer, _stopping.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    private static int HeaderEnd(ReadOnlySpan<byte> data)
    {
        var index = data.IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : index + 4;
    }

    private static long ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException("The discarding server reads bodies with a Content-Length only.");
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }
}

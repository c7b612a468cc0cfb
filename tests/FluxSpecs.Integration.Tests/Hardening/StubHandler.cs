using System.Collections.Concurrent;
using System.Net;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>
/// A provider that answers whatever a test tells it, without a network: hostile answers (huge, cut off, wrong-typed,
/// redirects) that the emulator does not make. Every request it receives is kept, with its headers.
/// </summary>
public sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public ConcurrentQueue<(HttpMethod Method, Uri Url, string Headers)> Requests { get; } = new();

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Bytes(byte[] bytes, string mediaType = "application/octet-stream") =>
        new(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) { Headers = { ContentType = new(mediaType) } } };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.Method, request.RequestUri!, request.Headers.ToString()));
        var response = answer(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}

/// <summary>A body that sends some bytes, then fails as a dropped connection does.</summary>
public sealed class CutOffContent(byte[] start) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(start);
        throw new IOException("The response ended prematurely (simulated).");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>
/// A body of any length, produced as it is read and never held in memory, that does not say how long it is (like a
/// chunked answer). Reading all of it means reading <c>length</c> bytes.
/// </summary>
public sealed class EndlessContent(long length, byte fill = (byte)' ', byte[]? prefix = null) : HttpContent
{
    public long Served => _stream?.Position ?? 0;

    private GeneratedStream? _stream;

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_stream = new GeneratedStream(length, fill, prefix ?? []));

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => new GeneratedStream(length, fill, prefix ?? []).CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private sealed class GeneratedStream(long length, byte fill, byte[] prefix) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill(fill);
            for (var i = 0; i < n && _position + i < prefix.Length; i++)
            {
                buffer[offset + i] = prefix[_position + i];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluxSpecs.Errors;

namespace FluxSpecs.Providers;

/// <summary>
/// A provider's server-sent events (fal's status stream), parsed by <see cref="SseParser"/>: each event's data as JSON.
/// Sends exactly once, like <see cref="ProviderHttp"/>: a stream that cannot be opened or read is a
/// <see cref="ProviderException"/>, and what to do then (poll) is the caller's choice.
/// </summary>
/// <remarks>
/// A stream that stays silent for longer than its idle limit (the provider sends keep-alive comments more often than
/// that) counts as broken, as does one that sends more than <see cref="ProviderConnection.MaxResponseBytes"/> in all, an
/// event that is not JSON, or an answer that is not <c>text/event-stream</c>.
/// </remarks>
internal static class ProviderEventStream
{
    private const string EventStream = "text/event-stream";

    public static async IAsyncEnumerable<JsonElement> ReadAsync(
        string providerId,
        ProviderConnection connection,
        HttpRequestMessage request,
        TimeSpan idleLimit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await OpenAsync(providerId, connection, request, cancellationToken).ConfigureAwait(false);
        await using var body = new GuardedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), idleLimit, connection.MaxResponseBytes);
        await using var events = SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                throw new ProviderTransportException(providerId, ProviderHttp.Stream, "the stream broke (" + e.Message + ")", e);
            }

            if (!more)
            {
                yield break;
            }

            yield return Parse(providerId, events.Current.Data);
        }
    }

    private static async Task<HttpResponseMessage> OpenAsync(string providerId, ProviderConnection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Options.Set(ProviderHttp.OperationKey, ProviderHttp.Stream);
            request.Options.Set(ProviderHttp.ProviderKey, providerId);
            request.Headers.Accept.ParseAdd(EventStream);
            HttpResponseMessage response;
            try
            {
                response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new ProviderTransportException(providerId, ProviderHttp.Stream, "the stream could not be opened (" + e.GetType().Name + ")", e);
            }

            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == EventStream)
            {
                return response;
            }

            using (response)
            {
                var what = response.IsSuccessStatusCode
                    ? "the answer is not an event stream but " + (response.Content.Headers.ContentType?.MediaType ?? "untyped")
                    : "the stream could not be opened";
                throw new ProviderException(providerId, ProviderHttp.Stream, response.StatusCode, null, what, jobMayExist: false);
            }
        }
    }

    private static JsonElement Parse(string providerId, string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Reported below with the other unreadable events.
        }

        throw new ProviderException(providerId, ProviderHttp.Stream, System.Net.HttpStatusCode.OK, null, "an event is not a JSON object", jobMayExist: false);
    }

    /// <summary>The response body, failing a read that waits longer than the idle limit and a stream longer than the size limit.</summary>
    private sealed class GuardedStream(Stream inner, TimeSpan idleLimit, long sizeLimit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(idleLimit);
            int read;
            try
            {
                read = await inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"nothing arrived for {idleLimit.TotalSeconds:0} s");
            }

            _read += read;
            return _read > sizeLimit ? throw new IOException($"more than {sizeLimit} bytes (ProviderConnection.MaxResponseBytes)") : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace FluxSpecs.Emulator.Webhooks;

/// <summary>
/// Posts webhook payloads, only ever to loopback URLs (the emulator must never call out), retrying a failed delivery a
/// few times with a short backoff, and keeps a log of every attempt.
/// </summary>
internal sealed class WebhookDispatcher : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly ConcurrentQueue<WebhookDelivery> _log = new();
    private readonly int _attempts;

    public WebhookDispatcher(int attempts) => _attempts = Math.Max(1, attempts);

    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _log];

    public static bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.IsLoopback;

    public async Task SendAsync(
        string providerId,
        string jobId,
        string eventName,
        Uri url,
        byte[] body,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        if (!IsAllowed(url))
        {
            _log.Enqueue(new WebhookDelivery(providerId, jobId, eventName, url, null, false, 0, "not a loopback URL; the emulator only calls 127.0.0.0/8, ::1 and localhost"));
            return;
        }

        int? status = null;
        string? error = null;
        for (var attempt = 1; attempt <= _attempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    _log.Enqueue(new WebhookDelivery(providerId, jobId, eventName, url, status, true, attempt, null));
                    return;
                }

                error = $"receiver answered {status}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e.Message;
            }

            if (attempt < _attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 << attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        _log.Enqueue(new WebhookDelivery(providerId, jobId, eventName, url, status, false, _attempts, error));
    }

    public void Dispose() => _client.Dispose();
}

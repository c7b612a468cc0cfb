using FluxSpecs.Errors;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FluxSpecs.Providers;

/// <summary>
/// Sends one request to a provider and returns its JSON, or throws a <see cref="ProviderException"/> with the provider's
/// own code and message. Sends exactly once: retrying reads is the client's policy, and creates are never retried.
/// </summary>
/// <remarks>
/// Whatever the provider answers, the caller gets either a <see cref="ProviderResponse"/> or a
/// <see cref="ProviderException"/>: an answer larger than <see cref="ProviderConnection.MaxResponseBytes"/> is refused
/// unread, one cut off mid-way is a <see cref="ProviderTransportException"/>, one that is not JSON (or is JSON of the
/// wrong shape, read through <see cref="ProviderResponse.Read{T}"/>) is a <see cref="ProviderException"/>.
/// </remarks>
internal static class ProviderHttp
{
    public const string Create = "create";
    public const string Status = "status";
    public const string Result = "result";
    public const string Cancel = "cancel";

    /// <summary>A status stream (server-sent events): a read, opened once and never retried, since polling takes over when it fails.</summary>
    public const string Stream = "stream";

    private const int MaxErrorText = 300;

    /// <summary>Tells the HTTP pipeline what a request is, so that a create is never retried.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationKey = new("fluxspecs.operation");

    /// <summary>The provider a request is for, for logs and traces.</summary>
    public static readonly HttpRequestOptionsKey<string> ProviderKey = new("fluxspecs.provider");

    public static async Task<ProviderResponse> SendAsync(string providerId, string operation, ProviderConnection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Options.Set(OperationKey, operation);
            request.Options.Set(ProviderKey, providerId);
            HttpResponseMessage response;
            try
            {
                response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw ProviderTransportException.FromSend(providerId, operation, e);
            }
            catch (Polly.Timeout.TimeoutRejectedException e)
            {
                throw new ProviderTransportException(providerId, operation, "the request timed out", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ProviderTransportException(providerId, operation, "the request timed out", e);
            }

            using (response)
            {
                var bytes = await ReadBodyAsync(providerId, operation, connection.MaxResponseBytes, response, cancellationToken).ConfigureAwait(false);
                var json = TryParse(bytes);
                if (!response.IsSuccessStatusCode)
                {
                    var (code, message) = json is null ? (null, Shorten(bytes)) : ProviderErrors.Read(json.RootElement);
                    json?.Dispose();
                    throw new ProviderException(
                        providerId,
                        operation,
                        response.StatusCode,
                        Redact(Shorten(code), connection.ApiKey),
                        Redact(Shorten(message), connection.ApiKey),
                        jobMayExist: operation == Create && (int)response.StatusCode >= 500,
                        // Retry-After holds seconds or a date: the wait until then, zero for a date past.
                        retryAfter: response.Headers.RetryAfter is { } wait ? wait.Delta ?? TimeSpan.FromTicks(Math.Max(0, (wait.Date!.Value - TimeProvider.System.GetUtcNow()).Ticks)) : null);
                }

                if (json is null)
                {
                    throw new ProviderException(providerId, operation, response.StatusCode, null, "the answer is not JSON: " + Redact(Shorten(bytes), connection.ApiKey), jobMayExist: operation == Create);
                }

                using (json)
                {
                    return new ProviderResponse(json.RootElement.Clone(), response.Headers, providerId, operation, response.StatusCode);
                }
            }
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, Uri url, HttpContent? content = null) => new(method, url) { Content = content };

    /// <summary>The body, at most <paramref name="limit"/> bytes; cut-off and oversized answers become provider errors.</summary>
    private static async Task<byte[]> ReadBodyAsync(string providerId, string operation, long limit, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mayExist = operation == Create;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(providerId, operation, response.StatusCode, limit, mayExist);
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(providerId, operation, response.StatusCode, limit, mayExist);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ProviderTransportException(providerId, operation, "the answer was cut off (" + e.GetType().Name + ")", e);
        }
    }

    private static ProviderException TooLarge(string providerId, string operation, HttpStatusCode status, long limit, bool mayExist) =>
        new(providerId, operation, status, null, $"the answer is larger than {limit} bytes (ProviderConnection.MaxResponseBytes); it was not read", jobMayExist: mayExist);

    private static JsonDocument? TryParse(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            // Provider answers are a few levels deep; the default depth of 64 also bounds a hostile one.
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxErrorText)).Trim();
        return bytes.Length > MaxErrorText ? text + "…" : text;
    }

    /// <summary>
    /// The text without the key. A provider never echoes it, but a misconfigured gateway or a debugging proxy may put the
    /// request's headers in its error page, and that text goes into exception messages and logs.
    /// </summary>
    private static string? Redact(string? text, string? key) =>
        text is null || string.IsNullOrEmpty(key) ? text : text.Replace(key, "***", StringComparison.Ordinal);

    /// <summary>A provider's code or message, cut to a readable length: a hostile answer could make it megabytes long.</summary>
    private static string? Shorten(string? text) => text is null || text.Length <= MaxErrorText ? text : text[..MaxErrorText] + "…";
}

/// <summary>A provider's successful answer: its JSON and headers, and what it answered.</summary>
internal sealed record ProviderResponse(JsonElement Body, HttpResponseHeaders Headers, string ProviderId, string Operation, HttpStatusCode StatusCode)
{
    /// <summary>
    /// Reads the answer with <paramref name="read"/>. An answer of the wrong shape — a field of another type, a number
    /// out of range, an empty id, bad base64 or a malformed URL where an image belongs — is a
    /// <see cref="ProviderException"/> saying so, never a <see cref="FormatException"/> or the like.
    /// </summary>
    public T Read<T>(Func<ProviderResponse, T> read)
    {
        if (Body.ValueKind != JsonValueKind.Object)
        {
            throw Unreadable("the answer is not a JSON object but " + Body.ValueKind.ToString().ToLowerInvariant(), null);
        }

        try
        {
            return read(this);
        }
        catch (MalformedAnswerException e)
        {
            throw Unreadable(e.Message, e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException or ArgumentException or KeyNotFoundException or JsonException or IndexOutOfRangeException)
        {
            throw Unreadable("the answer could not be read (" + e.GetType().Name + ": " + e.Message + ")", e);
        }
    }

    private ProviderException Unreadable(string what, Exception? inner) =>
        new(ProviderId, Operation, StatusCode, null, what, jobMayExist: Operation == ProviderHttp.Create, inner);
}

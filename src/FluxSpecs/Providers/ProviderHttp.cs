using System.Net.Http.Headers;
using System.Text.Json;

namespace FluxSpecs.Providers;

/// <summary>
/// Sends one request to a provider and returns its JSON, or throws a <see cref="ProviderException"/> with the provider's
/// own code and message. Sends exactly once: retrying reads is the client's policy, and creates are never retried.
/// </summary>
internal static class ProviderHttp
{
    public const string Create = "create";
    public const string Status = "status";
    public const string Result = "result";
    public const string Cancel = "cancel";

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
                response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ProviderTransportException(providerId, operation, "the connection failed (" + e.HttpRequestError + ")", e);
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
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var json = TryParse(bytes);
                if (!response.IsSuccessStatusCode)
                {
                    var (code, message) = json is null ? (null, Shorten(bytes)) : ProviderErrors.Read(json.RootElement);
                    json?.Dispose();
                    throw new ProviderException(
                        providerId,
                        operation,
                        response.StatusCode,
                        code,
                        message,
                        jobMayExist: operation == Create && (int)response.StatusCode >= 500,
                        retryAfter: RetryAfter(response.Headers.RetryAfter));
                }

                if (json is null)
                {
                    throw new ProviderException(providerId, operation, response.StatusCode, null, "the response is not JSON: " + Shorten(bytes), jobMayExist: operation == Create);
                }

                return new ProviderResponse(json.RootElement.Clone(), response.Headers);
            }
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, Uri url, HttpContent? content = null) => new(method, url) { Content = content };

    private static JsonDocument? TryParse(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
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

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}

/// <summary>A provider's successful answer: its JSON and headers.</summary>
internal sealed record ProviderResponse(JsonElement Body, HttpResponseHeaders Headers);

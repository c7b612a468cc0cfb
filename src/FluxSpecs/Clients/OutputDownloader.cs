using System.Net;
using FluxSpecs.Errors;
using FluxSpecs.Jobs;

namespace FluxSpecs.Clients;

/// <summary>
/// Opens a job output: bytes in hand, or an https download (plain http only from loopback when allowed), size-capped.
/// Redirects are followed here, not by the HTTP handler, so that each hop is checked: at most
/// <see cref="MaxRedirects"/>, on the same host, never from https to http.
/// </summary>
internal static class OutputDownloader
{
    /// <summary>
    /// The buffer for copying a download: under the large object heap's 85,000 bytes. Stream's default of 81,920 bytes
    /// is rented from the shared array pool as 131,072, a large object, and a batch with many downloads at once then
    /// allocates and collects large objects by the hundred (measured: LOH up to 22 MB and a gen2 GC per 58 rows).
    /// </summary>
    public const int CopyBufferSize = 16 * 1024;

    /// <summary>Result links are signed URLs that are served directly; a chain longer than this is not a download.</summary>
    public const int MaxRedirects = 5;

    public static async Task<Stream> OpenAsync(FluxSpecsClient client, JobOutput output, CancellationToken cancellationToken)
    {
        if (output.Url is { } url)
        {
            return await OpenAsync(client, url, "outputs", cancellationToken).ConfigureAwait(false);
        }

        var limit = client.Options.MaxDownloadBytes;
        return output.Data.Length <= limit
            ? new MemoryStream(output.Data.ToArray(), writable: false)
            : throw TooLarge(output.Data.Length, limit);
    }

    /// <summary>Opens an https download (plain http only from loopback when allowed), checking every redirect; <paramref name="what"/> names it in errors.</summary>
    public static async Task<Stream> OpenAsync(FluxSpecsClient client, Uri url, string what, CancellationToken cancellationToken)
    {
        var limit = client.Options.MaxDownloadBytes;
        CheckUrl(client, url, what);
        var response = await GetAsync(client, url, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            var location = response.Headers.Location;
            response.Dispose();
            if (hops == MaxRedirects || location is null)
            {
                throw new DownloadException($"Downloading {Shown(url)} failed: {(location is null ? "a redirect without a Location" : $"more than {MaxRedirects} redirects")}.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
            {
                throw new DownloadException($"Refusing to follow the redirect from {Shown(url)} to another host ({next.Host}); {what} are downloaded only from the host their URL names.");
            }

            CheckUrl(client, next, what);
            Log.Redirected(client.Logger, next.AbsolutePath);
            url = next;
            response = await GetAsync(client, url, cancellationToken).ConfigureAwait(false);
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new DownloadException($"Downloading {Shown(url)} failed with HTTP {(int)response.StatusCode}{(response.StatusCode == HttpStatusCode.Forbidden ? " (result links expire; download soon after the job ends)" : "")}.");
        }

        if (response.Content.Headers.ContentLength > limit)
        {
            var length = response.Content.Headers.ContentLength.Value;
            response.Dispose();
            throw TooLarge(length, limit);
        }

        try
        {
            return new LimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), limit, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks that <paramref name="bytes"/> (at least their start) are an image, so a proxy's page is not saved as one;
    /// returns its format.
    /// </summary>
    public static Images.ImageFormat EnsureImage(ReadOnlySpan<byte> bytes, JobOutput output)
    {
        if (Images.ImageFormats.Sniff(bytes) is not { } format)
        {
            var what = output.Url is { } url ? Shown(url) : $"of {output.Data.Length} bytes";
            throw new DownloadException($"The output {what} is not an image: its first bytes match no image format.");
        }

        return format;
    }

    private static async Task<HttpResponseMessage> GetAsync(FluxSpecsClient client, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException($"Downloading {Shown(url)} failed: {e.HttpRequestError}.", e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new DownloadException($"Downloading {Shown(url)} timed out.", e);
        }
    }

    private static void CheckUrl(FluxSpecsClient client, Uri url, string what)
    {
        if (url.Scheme != Uri.UriSchemeHttps && !(client.Options.AllowLoopbackHttp && url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            throw new DownloadException($"Refusing to download {Shown(url)}: {what} must come over https{(IsLoopback(url) ? " (set AllowLoopbackHttp for a local emulator)" : "")}.");
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The URL without its query, which holds the signature of a signed result link.</summary>
    internal static string Shown(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.ToString();

    private static bool IsLoopback(Uri url) => url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    internal static DownloadException TooLarge(long length, long limit) =>
        new($"The output is larger than the {limit}-byte limit (at least {length} bytes); raise FluxSpecsOptions.MaxDownloadBytes to accept it.");
}

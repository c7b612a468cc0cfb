using System.Net;
using FluxSpecs.Errors;
using FluxSpecs.Jobs;

namespace FluxSpecs.Clients;

/// <summary>Opens a job output: bytes in hand, or an https download (plain http only from loopback when allowed), size-capped.</summary>
internal static class OutputDownloader
{
    public static async Task<Stream> OpenAsync(FluxSpecsClient client, JobOutput output, CancellationToken cancellationToken)
    {
        var limit = client.Options.MaxDownloadBytes;
        if (output.Url is not { } url)
        {
            return output.Data.Length <= limit
                ? new MemoryStream(output.Data.ToArray(), writable: false)
                : throw TooLarge(output.Data.Length, limit);
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(client.Options.AllowLoopbackHttp && url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            throw new DownloadException($"Refusing to download {url.GetLeftPart(UriPartial.Path)}: outputs must come over https{(IsLoopback(url) ? " (set AllowLoopbackHttp for a local emulator)" : "")}.");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException($"Downloading {url.GetLeftPart(UriPartial.Path)} failed: {e.HttpRequestError}.", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new DownloadException($"Downloading {url.GetLeftPart(UriPartial.Path)} failed with HTTP {(int)response.StatusCode}{(response.StatusCode == HttpStatusCode.Forbidden ? " (result links expire; download soon after the job ends)" : "")}.");
        }

        if (response.Content.Headers.ContentLength > limit)
        {
            var length = response.Content.Headers.ContentLength.Value;
            response.Dispose();
            throw TooLarge(length, limit);
        }

        return new LimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), limit, response);
    }

    private static bool IsLoopback(Uri url) => url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    internal static DownloadException TooLarge(long length, long limit) =>
        new($"The output is larger than the {limit}-byte limit (at least {length} bytes); raise FluxSpecsOptions.MaxDownloadBytes to accept it.");
}

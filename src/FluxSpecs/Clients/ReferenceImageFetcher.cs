using FluxSpecs.Catalog;
using System.Globalization;
using FluxSpecs.Errors;
using FluxSpecs.Images;

namespace FluxSpecs.Clients;

/// <summary>
/// Downloads the reference images a provider takes as bytes (the card's <c>base64</c>, <c>data_uri</c> and <c>file</c>
/// encodings) when the request gives them as URLs, so that a request works on every provider whatever form its images
/// take. A mapper never touches the network; the client does, before anything is sent.
/// </summary>
internal static class ReferenceImageFetcher
{
    /// <summary>
    /// The request with each URL image that <paramref name="providerId"/> takes as bytes replaced by its downloaded
    /// bytes (https only, or loopback http when allowed; same-host redirects; at most
    /// <see cref="FluxSpecsOptions.MaxDownloadBytes"/>; an image, by its first bytes). The request itself when the
    /// provider takes every image as a URL.
    /// </summary>
    /// <exception cref="Errors.RequestValidationException">The request breaks the provider's rules (checked before any download).</exception>
    /// <exception cref="ReferenceImageException">An image could not be downloaded, or is not an image; nothing was sent.</exception>
    public static async ValueTask<IModelRequest> FetchAsync(FluxSpecsClient client, IModelRequest request, string providerId, CancellationToken cancellationToken)
    {
        var encodings = (request.Model.FindProvider(providerId)?.Parameters ?? [])
            .Where(m => m.ImageEncoding is { } encoding && encoding != ImageEncodingKind.Url)
            .ToDictionary(m => m.Parameter, m => m.ImageEncoding!.Value, StringComparer.Ordinal);
        if (encodings.Count == 0)
        {
            return request;
        }

        var validated = false;
        return await request.WithImagesAsync(
            (parameter, index, image, token) =>
            {
                if (image.Kind != ImageSourceKind.Url || !encodings.TryGetValue(parameter, out var encoding))
                {
                    return ValueTask.FromResult(image);
                }

                // Every rule is checked before the first download, so a request the provider would refuse costs nothing.
                if (!validated)
                {
                    request.Validate(providerId).ThrowIfInvalid();
                    validated = true;
                }

                return DownloadAsync(client, image.Url!, Name(parameter, index), providerId, encoding, token);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<ImageInput> DownloadAsync(FluxSpecsClient client, Uri url, string name, string providerId, ImageEncodingKind encoding, CancellationToken cancellationToken)
    {
        var shown = OutputDownloader.Shown(url);
        byte[] bytes;
        try
        {
            await using var stream = await OutputDownloader.OpenAsync(client, url, "reference images", cancellationToken).ConfigureAwait(false);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, OutputDownloader.CopyBufferSize, cancellationToken).ConfigureAwait(false);
            bytes = memory.ToArray();
        }
        catch (DownloadException e)
        {
            throw new ReferenceImageException(name, $"{name} ({shown}) could not be downloaded to send to {providerId}, which takes the image itself ({encoding.ToCardWord()}): {e.Message}", e);
        }

        // The bytes decide the format: servers convert images (a .png URL may answer WebP), so the URL's extension is no claim.
        if (ImageFormats.Sniff(bytes) is not { } format)
        {
            throw new ReferenceImageException(name, $"{name} ({shown}) is not an image: its first bytes match no image format.");
        }

        Log.ReferenceImageFetched(client.Logger, name, providerId, bytes.Length);
        return ImageInput.FromBytes(bytes, format.ToMediaType());
    }

    private static string Name(string parameter, int index) => string.Create(CultureInfo.InvariantCulture, $"{parameter}[{index}]");
}

using FluxSpecs.Jobs;
using FluxSpecs.Images;
using Microsoft.Extensions.AI;

namespace FluxSpecs.Clients;

/// <summary>
/// A Microsoft.Extensions.AI <see cref="IImageGenerator"/> over one model on one provider, so FluxSpecs plugs into that
/// ecosystem. Each generated model client offers one (<c>new Flux2ProClient(client).AsImageGenerator("bfl")</c>); the
/// abstraction has no jobs, prices or webhooks, which stay on the typed clients.
/// </summary>
/// <remarks>
/// <see cref="ImageGenerationOptions.Count"/> becomes the request's image count (the card's <c>image_count</c>): one
/// request where the provider takes a count (fal's <c>num_images</c>), else that many jobs started at once
/// (<see cref="FluxSpecsClient.GenerateImagesAsync"/>); the response holds every image, and its raw representation is the
/// <see cref="ImageJobGroup"/>.
/// </remarks>
public sealed class FluxSpecsImageGenerator : IImageGenerator
{
    private readonly FluxSpecsClient _client;
    private readonly string _providerId;
    private readonly Func<ImageGenerationRequest, ImageGenerationOptions?, IModelRequest> _createRequest;

    /// <summary>Creates the adapter; <paramref name="createRequest"/> turns the abstraction's request into the model's.</summary>
    public FluxSpecsImageGenerator(FluxSpecsClient client, [ProviderId] string providerId, Func<ImageGenerationRequest, ImageGenerationOptions?, IModelRequest> createRequest)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentNullException.ThrowIfNull(createRequest);
        _client = client;
        _providerId = providerId;
        _createRequest = createRequest;
    }

    /// <inheritdoc />
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var modelRequest = _createRequest(request, options);
        var wanted = Math.Max(1, options?.Count ?? 1);
        var counted = FluxSpecsClient.ImageCountOf(modelRequest);
        if (wanted > 1 && counted != wanted)
        {
            // Nothing is sent for fewer images than asked: the request factory did not carry the count.
            throw new NotSupportedException(modelRequest.Model.ImageCount is null
                ? $"ImageGenerationOptions.Count is {wanted}, but {modelRequest.Model.Id}'s card declares no image_count, so its requests make one image."
                : $"ImageGenerationOptions.Count is {wanted}, but the request made for it asks for {counted} image(s): set the request's image count (the generated CreateRequest maps Count to ImageCount).");
        }

        var group = await _client.GenerateImagesAsync(modelRequest, _providerId, progress: null, cancellationToken).ConfigureAwait(false);
        var contents = new List<AIContent>();
        for (var index = 0; index < group.Outputs.Count; index++)
        {
            var output = group.Outputs[index];
            contents.Add(options?.ResponseFormat == ImageGenerationResponseFormat.Uri && output.Url is { } url
                ? new UriContent(url, output.MediaType ?? "image/*")
                : await DataAsync(group, index, cancellationToken).ConfigureAwait(false));
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = group };
    }

    /// <summary>The request's original images as image inputs (bytes or URLs), or null when it has none.</summary>
    public static IReadOnlyList<ImageInput>? Images(ImageGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var images = request.OriginalImages?
            .Select(content => content switch
            {
                DataContent data => ImageInput.FromBytes(data.Data, data.MediaType),
                UriContent uri => ImageInput.FromUrl(uri.Uri),
                _ => throw new ArgumentException($"An original image must be DataContent or UriContent, not {content.GetType().Name}.", nameof(request)),
            })
            .ToList();
        return images is { Count: > 0 } ? images : null;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(FluxSpecsClient) ? _client
            : null;
    }

    /// <summary>Nothing to release: the client is shared and outlives the adapter.</summary>
    public void Dispose()
    {
    }

    private static async Task<AIContent> DataAsync(ImageJobGroup group, int index, CancellationToken cancellationToken)
    {
        var bytes = await group.DownloadAsync(index, cancellationToken).ConfigureAwait(false);
        var mediaType = ImageFormats.Sniff(bytes)?.ToMediaType() ?? group.Outputs[index].MediaType ?? "application/octet-stream";
        return new DataContent(bytes, mediaType);
    }
}

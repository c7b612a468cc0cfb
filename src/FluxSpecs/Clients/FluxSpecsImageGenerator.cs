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
/// Providers make one image per call, so <see cref="ImageGenerationOptions.Count"/> images take that many jobs (as the
/// AI SDK does with <c>maxImagesPerCall = 1</c>).
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
        var contents = new List<AIContent>();
        var jobs = new List<ImageJob>();
        for (var i = 0; i < Math.Max(1, options?.Count ?? 1); i++)
        {
            var job = await _client.GenerateAsync(modelRequest, _providerId, progress: null, cancellationToken).ConfigureAwait(false);
            jobs.Add(job);
            for (var output = 0; output < job.State.Outputs.Count; output++)
            {
                contents.Add(options?.ResponseFormat == ImageGenerationResponseFormat.Uri && job.State.Outputs[output].Url is { } url
                    ? new UriContent(url, job.State.Outputs[output].MediaType ?? "image/*")
                    : await DataAsync(job, output, cancellationToken).ConfigureAwait(false));
            }
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = jobs };
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

    private static async Task<AIContent> DataAsync(ImageJob job, int output, CancellationToken cancellationToken)
    {
        var bytes = await job.DownloadAsync(output, cancellationToken).ConfigureAwait(false);
        var mediaType = ImageFormats.Sniff(bytes)?.ToMediaType() ?? job.State.Outputs[output].MediaType ?? "application/octet-stream";
        return new DataContent(bytes, mediaType);
    }
}

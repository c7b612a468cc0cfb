using System.Globalization;
using System.Text;

namespace FluxSpecs.Mapping;

/// <summary>
/// The exact request body one provider receives for a request: a JSON document, or the parts of a multipart form
/// (Lumenfall's <c>/images/edits</c>). Made by the generated <see cref="IModelRequest.CreatePayload(string)"/>.
/// </summary>
/// <remarks>
/// Where the body is sent (URL, headers, authentication) is the protocol's business; the payload only says what is sent
/// and, in <see cref="ProviderModelId"/>, which of the provider's models or endpoints it is for.
/// </remarks>
public sealed class ProviderPayload
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly Lazy<ReadOnlyMemory<byte>>? _materialized;

    private ProviderPayload(string providerId, string providerModelId, ReadOnlyMemory<byte> json, IReadOnlyList<MultipartPart>? parts, IReadOnlyList<string> warnings, IReadOnlyList<DeferredImage>? images = null)
    {
        ProviderId = providerId;
        ProviderModelId = providerModelId;
        _json = json;
        Parts = parts;
        Warnings = warnings;
        DeferredImages = images;
        if (images is not null)
        {
            _materialized = new Lazy<ReadOnlyMemory<byte>>(Materialize, LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>The provider id (<c>bfl</c>, <c>fal</c> …).</summary>
    public string ProviderId { get; }

    /// <summary>
    /// The provider's model id or endpoint: the card's <c>model</c>, or its <c>edit_model</c> when the request carries
    /// reference images (fal's <c>fal-ai/flux-2-pro/edit</c>).
    /// </summary>
    public string ProviderModelId { get; }

    /// <summary>The JSON body, UTF-8 encoded; empty when the payload is multipart.</summary>
    /// <remarks>
    /// When the body carries base64 images (a local file or bytes sent as base64 or a data URI), they are encoded into the
    /// body the first time this is read, which holds the whole body in memory; sending the payload
    /// (<see cref="PayloadContent.ToHttpContent"/>) encodes them while it sends instead, a chunk at a time.
    /// </remarks>
    public ReadOnlyMemory<byte> Json => _materialized?.Value ?? _json;

    /// <summary>The body's length in bytes, without encoding its images.</summary>
    internal long JsonLength => _json.Length + (DeferredImages?.Sum(i => i.EncodedLength) ?? 0);

    /// <summary>The JSON written by the mapper with each deferred image's string left empty.</summary>
    internal ReadOnlyMemory<byte> JsonWithoutImages => _json;

    /// <summary>Images whose base64 goes into the body when it is sent; null when there are none.</summary>
    internal IReadOnlyList<DeferredImage>? DeferredImages { get; }

    /// <summary>The multipart form parts, in order; null when the payload is JSON.</summary>
    public IReadOnlyList<MultipartPart>? Parts { get; }

    /// <summary>True when the body is a multipart form (<see cref="Parts"/>) rather than JSON (<see cref="Json"/>).</summary>
    public bool IsMultipart => Parts is not null;

    /// <summary>What the provider will not receive although the request set it (parameters dropped), as validation reports it.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>A JSON payload.</summary>
    public static ProviderPayload FromJson(string providerId, string providerModelId, ReadOnlyMemory<byte> json, IReadOnlyList<string> warnings)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        ArgumentException.ThrowIfNullOrEmpty(providerModelId);
        ArgumentNullException.ThrowIfNull(warnings);
        return new ProviderPayload(providerId, providerModelId, json, null, warnings);
    }

    /// <summary>A JSON payload whose <paramref name="images"/> are encoded into it when it is sent.</summary>
    internal static ProviderPayload FromJson(string providerId, string providerModelId, ReadOnlyMemory<byte> json, IReadOnlyList<DeferredImage> images, IReadOnlyList<string> warnings)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        ArgumentException.ThrowIfNullOrEmpty(providerModelId);
        ArgumentNullException.ThrowIfNull(warnings);
        return new ProviderPayload(providerId, providerModelId, json, null, warnings, images);
    }

    /// <summary>Writes the whole body, images encoded a chunk at a time, to <paramref name="destination"/>.</summary>
    internal async Task WriteJsonAsync(Stream destination, CancellationToken cancellationToken)
    {
        var position = 0;
        foreach (var image in DeferredImages ?? [])
        {
            await destination.WriteAsync(_json[position..image.Offset], cancellationToken).ConfigureAwait(false);
            await image.WriteToAsync(destination, cancellationToken).ConfigureAwait(false);
            position = image.Offset;
        }

        await destination.WriteAsync(_json[position..], cancellationToken).ConfigureAwait(false);
    }

    private ReadOnlyMemory<byte> Materialize()
    {
        using var body = new MemoryStream(checked((int)JsonLength));
        WriteJsonAsync(body, CancellationToken.None).GetAwaiter().GetResult();
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    /// <summary>A multipart payload.</summary>
    public static ProviderPayload FromParts(string providerId, string providerModelId, IReadOnlyList<MultipartPart> parts, IReadOnlyList<string> warnings)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        ArgumentException.ThrowIfNullOrEmpty(providerModelId);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(warnings);
        return new ProviderPayload(providerId, providerModelId, ReadOnlyMemory<byte>.Empty, parts, warnings);
    }

    /// <summary>The JSON body as text; throws for a multipart payload.</summary>
    /// <exception cref="InvalidOperationException">The payload is multipart.</exception>
    public string GetJsonText() => IsMultipart
        ? throw new InvalidOperationException($"The {ProviderId} payload is multipart; read {nameof(Parts)}.")
        : Encoding.UTF8.GetString(Json.Span);

    /// <summary>
    /// A summary: provider, model, the body's size or its part names. Never the body itself, which can hold image bytes
    /// and secrets (a webhook secret is part of BFL's body).
    /// </summary>
    public override string ToString()
    {
        var body = Parts is { } parts
            ? "multipart [" + string.Join(", ", parts.Select(p => p.IsFile ? $"{p.Name} (file {p.FileName}, {p.MediaType})" : p.Name)) + "]"
            : string.Create(CultureInfo.InvariantCulture, $"JSON, {JsonLength} bytes");
        var warnings = Warnings.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {Warnings.Count} warning(s)");
        return $"{ProviderId} {ProviderModelId}: {body}{warnings}";
    }
}

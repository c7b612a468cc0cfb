namespace FluxSpecs.Jobs;

/// <summary>One generated image: a URL to download (often short-lived) or the bytes themselves.</summary>
public sealed record JobOutput
{
    /// <summary>Where to download the image, when the provider returned a URL.</summary>
    public Uri? Url { get; init; }

    /// <summary>The image bytes, when the provider returned them inline (base64, data URI).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The media type, when known.</summary>
    public string? MediaType { get; init; }

    /// <summary>When the URL stops working, for providers whose result links expire (BFL: 10 minutes); null when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>An output at <paramref name="url"/>.</summary>
    public static JobOutput FromUrl(Uri url, string? mediaType = null) => new() { Url = url, MediaType = mediaType };

    /// <summary>An output given as bytes.</summary>
    public static JobOutput FromBytes(ReadOnlyMemory<byte> data, string? mediaType) => new() { Data = data, MediaType = mediaType };

    /// <summary>The URL, or a summary of the bytes; never the bytes themselves.</summary>
    public override string ToString() => Url?.ToString() ?? $"<{Data.Length} bytes {MediaType}>";
}

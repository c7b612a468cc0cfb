using System.Collections.Concurrent;
using FluxSpecs.Emulator.Images;
using FluxSpecs.Images;

namespace FluxSpecs.Emulator.Jobs;

/// <summary>The images of every job, rendered on first download and kept.</summary>
internal sealed class ImageFileStore
{
    private readonly ConcurrentDictionary<string, StoredImage> _images = new(StringComparer.Ordinal);

    /// <summary>The image with <paramref name="id"/>, or null.</summary>
    public StoredImage? Find(string id) => _images.GetValueOrDefault(id);

    /// <summary>The images of <paramref name="job"/>, in order.</summary>
    public IReadOnlyList<StoredImage> For(EmulatorJob job) => [.. job.FileIds.Select(id => _images[id])];

    internal void Register(EmulatorJob job)
    {
        for (var i = 0; i < job.FileIds.Count; i++)
        {
            _images[job.FileIds[i]] = new StoredImage(job.FileIds[i], job, i);
        }
    }
}

/// <summary>One generated image, served at <c>/files/{Id}.{Extension}</c>.</summary>
internal sealed class StoredImage
{
    private readonly Lazy<byte[]> _bytes;

    internal StoredImage(string id, EmulatorJob job, int index)
    {
        Id = id;
        Job = job;
        var settings = job.Settings;
        Seed = settings.Seed + index;
        Format = ImageRenderer.CanEncode(settings.Format) ? settings.Format : ImageFormat.Png;
        _bytes = new Lazy<byte[]>(
            () => ImageRenderer.Render(Seed, settings.Prompt, settings.Width, settings.Height, Format, settings.Quality),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The file id.</summary>
    public string Id { get; }

    /// <summary>The job that made it.</summary>
    public EmulatorJob Job { get; }

    /// <summary>The seed this image is rendered with (the job's seed plus the image's index).</summary>
    public long Seed { get; }

    /// <summary>The format served: the requested one, or PNG for formats the emulator cannot encode (gif, avif).</summary>
    public ImageFormat Format { get; }

    /// <summary>The file extension (<c>png</c>, <c>jpg</c>, <c>webp</c>).</summary>
    public string Extension => Format == ImageFormat.Jpeg ? "jpg" : Format.ToWireName();

    /// <summary>The file name under <c>/files/</c>.</summary>
    public string FileName => Id + "." + Extension;

    /// <summary>The media type.</summary>
    public string ContentType => Format.ToMediaType();

    /// <summary>The encoded bytes (rendered on first use).</summary>
    public byte[] Bytes => _bytes.Value;

    /// <summary>The image's absolute URL on the emulator at <paramref name="baseAddress"/>.</summary>
    public Uri UrlOn(Uri baseAddress) => new(baseAddress, "files/" + FileName);
}

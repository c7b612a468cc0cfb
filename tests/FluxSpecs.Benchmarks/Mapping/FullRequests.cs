using FluxSpecs.Images;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Mapping;

/// <summary>
/// A fully populated FLUX.2 [pro] request per provider: every model parameter that provider accepts (none it would drop,
/// so the request is valid without warnings), four reference images, a custom 1024x768 size, and every provider-only
/// option. Resolution is left out because it does not apply to a custom size. Lumenfall gets no images: with images its
/// body is a multipart form, not JSON. Magnific gets small in-memory images (it takes base64, never URLs).
/// </summary>
public static class FullRequests
{
    public static readonly string[] Providers = [ProviderIds.Replicate, ProviderIds.CoreToday, ProviderIds.Bfl, ProviderIds.Vtrix, ProviderIds.Fal, ProviderIds.Magnific, ProviderIds.Lumenfall];

    public static Flux2ProRequest For(string providerId)
    {
        var request = new Flux2ProRequest
        {
            Prompt = "A lighthouse on a cliff at dusk, oil painting, warm light on the waves",
            InputImages = UrlImages,
            AspectRatio = Flux2ProAspectRatio.Custom,
            Width = 1024,
            Height = 768,
            Seed = 42,
            SafetyTolerance = 2,
            OutputFormat = Flux2ProOutputFormat.Png,
            OutputQuality = 90,
            PromptUpsampling = false,
        };
        return providerId switch
        {
            ProviderIds.Replicate => request with
            {
                PromptUpsampling = null,
                Replicate = new Flux2ProReplicateOptions
                {
                    Webhook = "https://hooks.example.com/replicate",
                    WebhookEventsFilter = [Flux2ProReplicateWebhookEventsFilter.Start, Flux2ProReplicateWebhookEventsFilter.Completed],
                },
            },
            ProviderIds.CoreToday => request with
            {
                CoreToday = new Flux2ProCoreTodayOptions
                {
                    Webhook = "https://hooks.example.com/core-today",
                    WebhookEvents = [Flux2ProCoreTodayWebhookEvents.Completed, Flux2ProCoreTodayWebhookEvents.Failed],
                    IsPublic = false,
                    OutputFolder = "benchmarks",
                },
            },
            ProviderIds.Bfl => request with
            {
                OutputQuality = null,
                PromptUpsampling = null,
                Bfl = new Flux2ProBflOptions { WebhookUrl = "https://hooks.example.com/bfl", WebhookSecret = "not-a-real-secret" },
            },
            ProviderIds.Vtrix => request with { OutputQuality = null, PromptUpsampling = null },
            ProviderIds.Fal => request with
            {
                OutputQuality = null,
                PromptUpsampling = null,
                Fal = new Flux2ProFalOptions { EnableSafetyChecker = true, SyncMode = false },
            },
            ProviderIds.Magnific => request with
            {
                InputImages = ByteImages,
                SafetyTolerance = null,
                OutputFormat = null,
                OutputQuality = null,
                Magnific = new Flux2ProMagnificOptions { WebhookUrl = "https://hooks.example.com/magnific" },
            },
            ProviderIds.Lumenfall => request with
            {
                InputImages = null,
                PromptUpsampling = null,
                ImageCount = 1,
                Lumenfall = new Flux2ProLumenfallOptions { ResponseFormat = Flux2ProLumenfallResponseFormat.Url, OutputCompression = 80 },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(providerId), providerId, "Not a provider of FLUX.2 [pro]."),
        };
    }

    private static readonly ImageInput[] UrlImages =
        [.. Enumerable.Range(1, 4).Select(i => ImageInput.FromUrl($"https://images.example.com/reference-{i}.{(i % 2 == 0 ? "jpg" : "png")}"))];

    /// <summary>Four 1 KiB images that start with the PNG signature.</summary>
    private static readonly ImageInput[] ByteImages = [.. Enumerable.Range(1, 4).Select(i => ImageInput.FromBytes(PngLike(1024, (byte)i)))];

    public static byte[] PngLike(int length, byte fill)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, fill);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }
}

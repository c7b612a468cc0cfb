using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Mapping;

/// <summary>
/// Baseline 2, the fastest hand-written code: one <see cref="Utf8JsonWriter"/> per body, written field by field for one
/// provider, into a fresh buffer. No validation. Same body, byte for byte, as the generated mapper.
/// </summary>
public static class HandWrittenBodies
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] IndexedFields = ["input_image", "input_image_2", "input_image_3", "input_image_4", "input_image_5", "input_image_6", "input_image_7", "input_image_8"];

    public static ReadOnlyMemory<byte> Write(string providerId, Flux2ProRequest r)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var w = new Utf8JsonWriter(buffer, Options);
        w.WriteStartObject();
        switch (providerId)
        {
            case ProviderIds.Replicate:
                w.WriteStartObject("input");
                ReplicateInput(w, r);
                w.WriteEndObject();
                if (r.Replicate?.Webhook is { } webhook)
                {
                    w.WriteString("webhook", webhook);
                }

                if (r.Replicate?.WebhookEventsFilter is { } filter)
                {
                    w.WriteStartArray("webhook_events_filter");
                    foreach (var e in filter)
                    {
                        w.WriteStringValue(e.ToWireValue());
                    }

                    w.WriteEndArray();
                }

                break;
            case ProviderIds.CoreToday:
                w.WriteString("model", "black-forest-labs/flux-2-pro");
                w.WriteStartObject("input");
                ReplicateInput(w, r);
                if (r.PromptUpsampling is { } upsampling)
                {
                    w.WriteBoolean("prompt_upsampling", upsampling);
                }

                w.WriteEndObject();
                if (r.CoreToday?.Webhook is { } coreWebhook)
                {
                    w.WriteString("webhook", coreWebhook);
                }

                if (r.CoreToday?.WebhookEvents is { } events)
                {
                    w.WriteStartArray("webhook_events");
                    foreach (var e in events)
                    {
                        w.WriteStringValue(e.ToWireValue());
                    }

                    w.WriteEndArray();
                }

                if (r.CoreToday?.IsPublic is { } isPublic)
                {
                    w.WriteBoolean("is_public", isPublic);
                }

                if (r.CoreToday?.OutputFolder is { } folder)
                {
                    w.WriteString("output_folder", folder);
                }

                break;
            case ProviderIds.Bfl:
                w.WriteString("prompt", r.Prompt);
                IndexedUrls(w, r);
                Size(w, r);
                Number(w, "seed", r.Seed);
                Number(w, "safety_tolerance", r.SafetyTolerance);
                if (r.OutputFormat is { } bflFormat)
                {
                    w.WriteString("output_format", bflFormat.ToWireValue());
                }

                if (r.Bfl?.WebhookUrl is { } url)
                {
                    w.WriteString("webhook_url", url);
                }

                if (r.Bfl?.WebhookSecret is { } secret)
                {
                    w.WriteString("webhook_secret", secret);
                }

                break;
            case ProviderIds.Vtrix:
                w.WriteString("model", "flux_2_pro");
                w.WriteString("prompt", r.Prompt);
                IndexedUrls(w, r);
                Size(w, r);
                Number(w, "seed", r.Seed);
                NumberAsString(w, "safety_tolerance", r.SafetyTolerance);
                if (r.OutputFormat is { } vtrixFormat)
                {
                    w.WriteString("output_format", vtrixFormat.ToWireValue());
                }

                break;
            case ProviderIds.Fal:
                w.WriteString("prompt", r.Prompt);
                if (r.InputImages is { } falImages)
                {
                    w.WriteStartArray("image_urls");
                    foreach (var image in falImages)
                    {
                        w.WriteStringValue(image.Url!.AbsoluteUri);
                    }

                    w.WriteEndArray();
                }

                if (r.AspectRatio == Flux2ProAspectRatio.Custom && r.Width is { } width && r.Height is { } height)
                {
                    w.WriteStartObject("image_size");
                    w.WriteNumber("width", width);
                    w.WriteNumber("height", height);
                    w.WriteEndObject();
                }

                Number(w, "seed", r.Seed);
                NumberAsString(w, "safety_tolerance", r.SafetyTolerance);
                if (r.OutputFormat is { } falFormat)
                {
                    w.WriteString("output_format", falFormat.ToWireValue());
                }

                if (r.Fal?.EnableSafetyChecker is { } checker)
                {
                    w.WriteBoolean("enable_safety_checker", checker);
                }

                if (r.Fal?.SyncMode is { } sync)
                {
                    w.WriteBoolean("sync_mode", sync);
                }

                break;
            case ProviderIds.Magnific:
                w.WriteString("prompt", r.Prompt);
                if (r.InputImages is { } magnificImages)
                {
                    for (var i = 0; i < magnificImages.Count; i++)
                    {
                        w.WriteBase64String(IndexedFields[i], magnificImages[i].Data.Span);
                    }
                }

                Size(w, r);
                Number(w, "seed", r.Seed);
                if (r.PromptUpsampling is { } magnificUpsampling)
                {
                    w.WriteBoolean("prompt_upsampling", magnificUpsampling);
                }

                if (r.Magnific?.WebhookUrl is { } magnificUrl)
                {
                    w.WriteString("webhook_url", magnificUrl);
                }

                break;
            case ProviderIds.Lumenfall:
                w.WriteString("model", "flux.2-pro");
                w.WriteString("prompt", r.Prompt);
                if (r.AspectRatio is { } ratio && ratio != Flux2ProAspectRatio.Custom)
                {
                    w.WriteString("aspect_ratio", ratio == Flux2ProAspectRatio.MatchInputImage ? "auto" : ratio.ToWireValue());
                }

                if (r.Width is { } w2 && r.Height is { } h2)
                {
                    Span<char> size = stackalloc char[24];
                    w2.TryFormat(size, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
                    size[written++] = 'x';
                    h2.TryFormat(size[written..], out var more, provider: System.Globalization.CultureInfo.InvariantCulture);
                    w.WriteString("size", size[..(written + more)]);
                }

                Number(w, "seed", r.Seed);
                Number(w, "safety_tolerance", r.SafetyTolerance);
                if (r.OutputFormat is { } lumenfallFormat)
                {
                    w.WriteString("output_format", lumenfallFormat.ToWireValue());
                }

                Number(w, "output_quality", r.OutputQuality);
                Number(w, "n", r.ImageCount);
                if (r.Lumenfall?.ResponseFormat is { } responseFormat)
                {
                    w.WriteString("response_format", responseFormat.ToWireValue());
                }

                Number(w, "output_compression", r.Lumenfall?.OutputCompression);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(providerId));
        }

        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenMemory;
    }

    private static void ReplicateInput(Utf8JsonWriter w, Flux2ProRequest r)
    {
        w.WriteString("prompt", r.Prompt);
        if (r.InputImages is { } images)
        {
            w.WriteStartArray("input_images");
            foreach (var image in images)
            {
                w.WriteStringValue(image.Url!.AbsoluteUri);
            }

            w.WriteEndArray();
        }

        if (r.AspectRatio is { } ratio)
        {
            w.WriteString("aspect_ratio", ratio.ToWireValue());
        }

        if (r.Resolution is { } resolution)
        {
            w.WriteString("resolution", resolution.ToWireValue());
        }

        Size(w, r);
        Number(w, "seed", r.Seed);
        Number(w, "safety_tolerance", r.SafetyTolerance);
        if (r.OutputFormat is { } format)
        {
            w.WriteString("output_format", format == Flux2ProOutputFormat.Jpeg ? "jpg" : format.ToWireValue());
        }

        Number(w, "output_quality", r.OutputQuality);
    }

    private static void IndexedUrls(Utf8JsonWriter w, Flux2ProRequest r)
    {
        if (r.InputImages is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                w.WriteString(IndexedFields[i], images[i].Url!.AbsoluteUri);
            }
        }
    }

    private static void Size(Utf8JsonWriter w, Flux2ProRequest r)
    {
        Number(w, "width", r.Width);
        Number(w, "height", r.Height);
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void NumberAsString(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            Span<char> text = stackalloc char[11];
            v.TryFormat(text, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            w.WriteString(name, text[..written]);
        }
    }
}

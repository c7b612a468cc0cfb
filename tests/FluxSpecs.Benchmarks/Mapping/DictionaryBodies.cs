using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Mapping;

/// <summary>
/// Baseline 1, the common hand-written approach: copy the request into a <c>Dictionary&lt;string, object?&gt;</c> under the
/// provider's names and serialize it with reflection-based <see cref="JsonSerializer"/>. Same body, byte for byte, as the
/// generated mapper (checked in the benchmark's setup).
/// </summary>
public static class DictionaryBodies
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static byte[] Write(string providerId, Flux2ProRequest r) => providerId switch
    {
        ProviderIds.Replicate => Replicate(r),
        ProviderIds.CoreToday => CoreToday(r),
        ProviderIds.Bfl => Bfl(r),
        ProviderIds.Vtrix => Vtrix(r),
        ProviderIds.Fal => Fal(r),
        ProviderIds.Magnific => Magnific(r),
        ProviderIds.Lumenfall => Lumenfall(r),
        _ => throw new ArgumentOutOfRangeException(nameof(providerId)),
    };

    private static byte[] Replicate(Flux2ProRequest r)
    {
        var input = ReplicateInput(r);
        var body = new Dictionary<string, object?> { ["input"] = input };
        if (r.Replicate?.Webhook is { } webhook)
        {
            body["webhook"] = webhook;
        }

        if (r.Replicate?.WebhookEventsFilter is { } events)
        {
            body["webhook_events_filter"] = events.Select(e => e.ToWireValue()).ToList();
        }

        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private static byte[] CoreToday(Flux2ProRequest r)
    {
        var input = ReplicateInput(r);
        if (r.PromptUpsampling is { } upsampling)
        {
            input["prompt_upsampling"] = upsampling;
        }

        var body = new Dictionary<string, object?> { ["model"] = "black-forest-labs/flux-2-pro", ["input"] = input };
        if (r.CoreToday?.Webhook is { } webhook)
        {
            body["webhook"] = webhook;
        }

        if (r.CoreToday?.WebhookEvents is { } events)
        {
            body["webhook_events"] = events.Select(e => e.ToWireValue()).ToList();
        }

        if (r.CoreToday?.IsPublic is { } isPublic)
        {
            body["is_public"] = isPublic;
        }

        if (r.CoreToday?.OutputFolder is { } folder)
        {
            body["output_folder"] = folder;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    /// <summary>Replicate's input object; core.today passes the same input through.</summary>
    private static Dictionary<string, object?> ReplicateInput(Flux2ProRequest r)
    {
        var input = new Dictionary<string, object?> { ["prompt"] = r.Prompt };
        if (r.InputImages is { } images)
        {
            input["input_images"] = images.Select(i => i.Url!.AbsoluteUri).ToList();
        }

        if (r.AspectRatio is { } ratio)
        {
            input["aspect_ratio"] = ratio.ToWireValue();
        }

        if (r.Resolution is { } resolution)
        {
            input["resolution"] = resolution.ToWireValue();
        }

        AddSize(input, r);
        AddIfSet(input, "seed", r.Seed);
        AddIfSet(input, "safety_tolerance", r.SafetyTolerance);
        if (r.OutputFormat is { } format)
        {
            input["output_format"] = format == Flux2ProOutputFormat.Jpeg ? "jpg" : format.ToWireValue();
        }

        AddIfSet(input, "output_quality", r.OutputQuality);
        return input;
    }

    private static byte[] Bfl(Flux2ProRequest r)
    {
        var body = new Dictionary<string, object?> { ["prompt"] = r.Prompt };
        AddIndexedUrls(body, r);
        AddSize(body, r);
        AddIfSet(body, "seed", r.Seed);
        AddIfSet(body, "safety_tolerance", r.SafetyTolerance);
        if (r.OutputFormat is { } format)
        {
            body["output_format"] = format.ToWireValue();
        }

        if (r.Bfl?.WebhookUrl is { } url)
        {
            body["webhook_url"] = url;
        }

        if (r.Bfl?.WebhookSecret is { } secret)
        {
            body["webhook_secret"] = secret;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private static byte[] Vtrix(Flux2ProRequest r)
    {
        var body = new Dictionary<string, object?> { ["model"] = "flux_2_pro", ["prompt"] = r.Prompt };
        AddIndexedUrls(body, r);
        AddSize(body, r);
        AddIfSet(body, "seed", r.Seed);
        if (r.SafetyTolerance is { } tolerance)
        {
            body["safety_tolerance"] = tolerance.ToString(CultureInfo.InvariantCulture);
        }

        if (r.OutputFormat is { } format)
        {
            body["output_format"] = format.ToWireValue();
        }

        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private static byte[] Fal(Flux2ProRequest r)
    {
        var body = new Dictionary<string, object?> { ["prompt"] = r.Prompt };
        if (r.InputImages is { } images)
        {
            body["image_urls"] = images.Select(i => i.Url!.AbsoluteUri).ToList();
        }

        if (r.AspectRatio == Flux2ProAspectRatio.Custom && r.Width is { } width && r.Height is { } height)
        {
            body["image_size"] = new Dictionary<string, object?> { ["width"] = width, ["height"] = height };
        }

        AddIfSet(body, "seed", r.Seed);
        if (r.SafetyTolerance is { } tolerance)
        {
            body["safety_tolerance"] = tolerance.ToString(CultureInfo.InvariantCulture);
        }

        if (r.OutputFormat is { } format)
        {
            body["output_format"] = format.ToWireValue();
        }

        AddIfSet(body, "enable_safety_checker", r.Fal?.EnableSafetyChecker);
        AddIfSet(body, "sync_mode", r.Fal?.SyncMode);
        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private static byte[] Magnific(Flux2ProRequest r)
    {
        var body = new Dictionary<string, object?> { ["prompt"] = r.Prompt };
        if (r.InputImages is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                body[i == 0 ? "input_image" : "input_image_" + (i + 1).ToString(CultureInfo.InvariantCulture)] = Convert.ToBase64String(images[i].Data.Span);
            }
        }

        AddSize(body, r);
        AddIfSet(body, "seed", r.Seed);
        AddIfSet(body, "prompt_upsampling", r.PromptUpsampling);
        if (r.Magnific?.WebhookUrl is { } url)
        {
            body["webhook_url"] = url;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private static byte[] Lumenfall(Flux2ProRequest r)
    {
        var body = new Dictionary<string, object?> { ["model"] = "flux.2-pro", ["prompt"] = r.Prompt };
        if (r.AspectRatio is { } ratio && ratio != Flux2ProAspectRatio.Custom)
        {
            body["aspect_ratio"] = ratio == Flux2ProAspectRatio.MatchInputImage ? "auto" : ratio.ToWireValue();
        }

        if (r.Width is { } width && r.Height is { } height)
        {
            body["size"] = width.ToString(CultureInfo.InvariantCulture) + "x" + height.ToString(CultureInfo.InvariantCulture);
        }

        AddIfSet(body, "seed", r.Seed);
        AddIfSet(body, "safety_tolerance", r.SafetyTolerance);
        if (r.OutputFormat is { } format)
        {
            body["output_format"] = format.ToWireValue();
        }

        AddIfSet(body, "output_quality", r.OutputQuality);
        AddIfSet(body, "n", r.ImageCount);
        if (r.Lumenfall?.ResponseFormat is { } responseFormat)
        {
            body["response_format"] = responseFormat.ToWireValue();
        }

        AddIfSet(body, "output_compression", r.Lumenfall?.OutputCompression);
        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private static void AddIndexedUrls(Dictionary<string, object?> body, Flux2ProRequest r)
    {
        if (r.InputImages is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                body[i == 0 ? "input_image" : "input_image_" + (i + 1).ToString(CultureInfo.InvariantCulture)] = images[i].Url!.AbsoluteUri;
            }
        }
    }

    /// <summary>A custom size passes through as width and height (the benchmark's requests use one).</summary>
    private static void AddSize(Dictionary<string, object?> body, Flux2ProRequest r)
    {
        AddIfSet(body, "width", r.Width);
        AddIfSet(body, "height", r.Height);
    }

    private static void AddIfSet<T>(Dictionary<string, object?> body, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            body[name] = v;
        }
    }
}

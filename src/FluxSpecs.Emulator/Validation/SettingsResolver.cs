using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Images;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Catalog;
using FluxSpecs.Images;
using FluxSpecs.Validation;

namespace FluxSpecs.Emulator.Validation;

/// <summary>
/// Reads what to render from a validated body, through the same <see cref="WireSchema"/>: the prompt, the seed, the
/// output format (in the model's names), the image count, and the size, from whichever fields the provider uses for it.
/// </summary>
/// <remarks>
/// Size, in order: width/height fields; a <c>WxH</c> size string; fal's <c>image_size</c>; aspect ratio and resolution
/// (1 MP = 1024×1024, sides rounded to the provider's step); the provider's default width/height; else 1024×1024.
/// Without a seed, one is derived from the prompt so that the same request renders the same picture.
/// </remarks>
internal static class SettingsResolver
{
    private const int FallbackSide = 1024;

    public static GenerationSettings Resolve(WireSchema schema, JsonObject body, bool formValues = false)
    {
        var prompt = schema.FieldFor("prompt") is { } promptField ? BodyValidator.String(body[promptField.Name]) ?? "" : "";
        var seed = ReadSeed(schema, body, formValues) ?? DerivedSeed(prompt);
        var format = ReadFormat(schema, body);
        var quality = schema.FieldFor("output_quality") is { } q && BodyValidator.Integer(body[q.Name], formValues) is { } given
            ? (int)Math.Clamp(given, 1, 100)
            : 90;
        // The card's image count, where the provider takes it in a field (fal's num_images, Lumenfall's n); the body was
        // validated against its limits, so the clamp only guards a lenient run.
        var count = schema.FieldFor(ModelDescriptor.ImageCountParameter) is { } countField && BodyValidator.Integer(body[countField.Name], formValues) is { } n
            ? (int)Math.Clamp(n, 1, countField.Limits.Maximum is { } max ? (long)max : 10)
            : 1;

        var (width, height) = ReadSize(schema, body, formValues);
        width = Math.Clamp(width, 1, ImageRenderer.MaxSide);
        height = Math.Clamp(height, 1, ImageRenderer.MaxSide);
        return new GenerationSettings(prompt, seed, width, height, format, count, quality, CountImages(schema, body));
    }

    /// <summary>A seed from the prompt (FNV-1a, 32 bits), for requests without one.</summary>
    public static long DerivedSeed(string prompt)
    {
        var hash = 2166136261u;
        foreach (var c in prompt)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static long? ReadSeed(WireSchema schema, JsonObject body, bool formValues)
    {
        if (schema.FieldFor("seed") is not { } field)
        {
            return null;
        }

        return field.IntegerAsString && BodyValidator.String(body[field.Name]) is { } text && long.TryParse(text, out var parsed)
            ? parsed
            : BodyValidator.Integer(body[field.Name], formValues);
    }

    private static ImageFormat ReadFormat(WireSchema schema, JsonObject body)
    {
        var field = schema.FieldFor("output_format");
        var value = field is not null && BodyValidator.String(body[field.Name]) is { } wire
            ? field.ToModelValue(wire)
            : field?.Default ?? schema.Model.FindParameter("output_format")?.Default;
        return value?.ToLowerInvariant() switch
        {
            "png" => ImageFormat.Png,
            "webp" => ImageFormat.Webp,
            "gif" => ImageFormat.Gif,
            "avif" => ImageFormat.Avif,
            "jpeg" or "jpg" => ImageFormat.Jpeg,
            _ => ImageFormat.Png,
        };
    }

    private static (int Width, int Height) ReadSize(WireSchema schema, JsonObject body, bool formValues)
    {
        var widthField = schema.Field("width");
        var heightField = schema.Field("height");
        var width = widthField is null ? null : BodyValidator.Integer(body["width"], formValues);
        var height = heightField is null ? null : BodyValidator.Integer(body["height"], formValues);
        if (width is not null || height is not null)
        {
            return (
                RoundSide(width ?? DefaultSide(widthField), widthField),
                RoundSide(height ?? DefaultSide(heightField), heightField));
        }

        foreach (var field in schema.Fields.Values)
        {
            switch (field.Kind)
            {
                case WireKind.SizeString when BodyValidator.String(body[field.Name]) is { } text:
                    if (SizeParsing.TryParsePixels(text, out var w, out var h))
                    {
                        return (w, h);
                    }

                    if (SizeParsing.TryParseRatio(text, out var across, out var down))
                    {
                        return FromRatio(across, down, 1, 16, 2048);
                    }

                    return (FallbackSide, FallbackSide);

                case WireKind.FalImageSize when body[field.Name] is { } size:
                    if (size is JsonObject pixels)
                    {
                        return ((int)(BodyValidator.Integer(pixels["width"], formValues) ?? FallbackSide), (int)(BodyValidator.Integer(pixels["height"], formValues) ?? FallbackSide));
                    }

                    return BodyValidator.String(size) switch
                    {
                        "square" => (512, 512),
                        "portrait_4_3" => (768, 1024),
                        "portrait_16_9" => (576, 1024),
                        "landscape_4_3" => (1024, 768),
                        "landscape_16_9" => (1024, 576),
                        _ => (FallbackSide, FallbackSide), // square_hd, auto
                    };
            }
        }

        if (schema.FieldFor("aspect_ratio") is { } ratioField)
        {
            var ratio = BodyValidator.String(body[ratioField.Name]) is { } r ? ratioField.ToModelValue(r) : ratioField.Default;
            var resolutionField = schema.FieldFor("resolution");
            var resolution = resolutionField is not null && BodyValidator.String(body[resolutionField.Name]) is { } res
                ? resolutionField.ToModelValue(res)
                : resolutionField?.Default;
            if (ratio is not null && SizeParsing.TryParseRatio(ratio, out var across, out var down))
            {
                var step = (int)(schema.FieldFor("width")?.Limits.MultipleOf ?? 16);
                var max = (int)(schema.FieldFor("width")?.Limits.Maximum ?? 2048);
                return FromRatio(across, down, SizeParsing.Megapixels(resolution), step, max);
            }
        }

        return (DefaultSide(widthField), DefaultSide(heightField));
    }

    private static int DefaultSide(WireField? field) =>
        field?.Default is { } text && int.TryParse(text, out var side) ? side : FallbackSide;

    private static int RoundSide(long value, WireField? field)
    {
        if (field?.Limits is { MultipleOf: { } step, Rounding: { } rounding } && rounding != Rounding.Reject)
        {
            value = RoundingRules.Round(value, step, rounding);
        }

        return (int)Math.Clamp(value, 1, ImageRenderer.MaxSide);
    }

    private static (int Width, int Height) FromRatio(double across, double down, double megapixels, int step, int max)
    {
        var pixels = megapixels * 1024 * 1024;
        var width = Math.Sqrt(pixels * across / down);
        var height = width * down / across;
        return (Snap(width, step, max), Snap(height, step, max));
    }

    private static int Snap(double side, int step, int max) =>
        Math.Clamp((int)Math.Round(side / step, MidpointRounding.AwayFromZero) * step, step, Math.Max(step, max));

    private static int CountImages(WireSchema schema, JsonObject body)
    {
        var count = 0;
        foreach (var field in schema.Fields.Values.Where(f => !f.IsExtra && f.Parameter == "input_images"))
        {
            count += body[field.Name] switch
            {
                JsonArray array => array.Count,
                JsonValue => 1,
                _ => 0,
            };
        }

        return count;
    }
}

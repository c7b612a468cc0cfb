using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxSpecs.Catalog;
using FluxSpecs.Images;
using FluxSpecs.Validation;

namespace FluxSpecs.Emulator.Validation;

/// <summary>
/// Checks a provider body against the card's rules for that provider (<see cref="WireSchema"/>): unknown and unsupported
/// fields (<see cref="BodyError.IsUnknownField"/>: the caller decides whether they are ignored), wrong JSON types, required fields, ranges, multiples the provider rejects, lengths, item counts, enum values
/// (in the provider's spelling), image encodings and formats, and applicability.
/// </summary>
/// <remarks>
/// Where the card says the provider rounds a non-multiple (<c>rounding: nearest|down|up</c>) the value is accepted, as the
/// provider accepts it, and the rendered size uses the rounded value.
/// </remarks>
internal static class BodyValidator
{
    /// <summary>Unknown fields reach the client only from a strict emulator (otherwise they are ignored): the messages say why.</summary>
    private const string StrictNote = " (refused because the emulator is strict; the provider would ignore it)";

    private static readonly string[] FalPresets = ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9", "auto"];

    public static IReadOnlyList<BodyError> Validate(WireSchema schema, JsonObject body, BodyCheckOptions options)
    {
        var errors = new List<BodyError>();
        var where = $"{schema.Model.Id} on {schema.Provider.Id}";

        foreach (var (name, value) in body)
        {
            if (options.Envelope.Contains(name))
            {
                continue;
            }

            var path = options.Path + name;
            if (schema.Field(name) is { } field && options.Include(field))
            {
                if (value is not null)
                {
                    CheckValue(field, value, path, options, errors);
                }

                continue;
            }

            if (schema.Unsupported.TryGetValue(name, out var parameter))
            {
                errors.Add(new BodyError(path, parameter, ViolationRules.Unsupported, $"{path} is not accepted by {schema.Provider.Id} for {schema.Model.Id}{(schema.Edit ? " (edit endpoint)" : "")}; the card lists {parameter} as unsupported here{StrictNote}."));
            }
            else
            {
                errors.Add(new BodyError(path, name, BodyError.UnknownRule, $"{path} is not a parameter of {where}{StrictNote}."));
            }
        }

        foreach (var field in schema.Fields.Values.Where(f => f.Required && options.Include(f)))
        {
            if (body[field.Name] is null || (body[field.Name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
            {
                var path = options.Path + field.Name;
                errors.Add(new BodyError(path, field.Parameter, ViolationRules.Required, $"{path} is required."));
            }
        }

        foreach (var field in schema.Fields.Values.Where(f => f.Applicability is not null && options.Include(f) && body[f.Name] is not null))
        {
            CheckApplicability(schema, field, body, options, errors);
        }

        return errors;
    }

    private static void CheckApplicability(WireSchema schema, WireField field, JsonObject body, BodyCheckOptions options, List<BodyError> errors)
    {
        var rule = field.Applicability!;
        var condition = schema.FieldFor(rule.Parameter);
        if (condition is null)
        {
            return;
        }

        var conditionValue = body[condition.Name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? condition.ToModelValue(v.GetValue<string>())
            : condition.Default;
        var listed = conditionValue is not null && rule.Values.Contains(conditionValue, StringComparer.Ordinal);
        if (listed == !rule.Negated)
        {
            return;
        }

        var path = options.Path + field.Name;
        var actual = conditionValue is null ? $"{condition.Name} is not set" : $"{condition.Name} is {conditionValue}";
        var values = string.Join(", ", rule.Values);
        errors.Add(rule.Negated
            ? new BodyError(path, field.Parameter, ViolationRules.AppliesUnless, $"{path} does not apply when {condition.Name} is {values}, and {actual}.")
            : new BodyError(path, field.Parameter, ViolationRules.AppliesWhen, $"{path} only applies when {condition.Name} is {values}, but {actual}."));
    }

    private static void CheckValue(WireField field, JsonNode value, string path, BodyCheckOptions options, List<BodyError> errors)
    {
        switch (field.Kind)
        {
            case WireKind.String:
                if (String(value) is not { } text)
                {
                    errors.Add(TypeError(field, path, "a string", value));
                    return;
                }

                CheckLength(field, path, text, errors);
                return;

            case WireKind.Integer:
            case WireKind.Pixels:
                CheckInteger(field, field.Limits, value, path, options, errors);
                return;

            case WireKind.Number:
                if (Number(value, options.FormValues) is not { } number)
                {
                    errors.Add(TypeError(field, path, "a number", value));
                    return;
                }

                CheckRange(field.Parameter, field.Limits, path, number, errors);
                return;

            case WireKind.Boolean:
                if (Boolean(value, options.FormValues) is null)
                {
                    errors.Add(TypeError(field, path, "true or false", value));
                }

                return;

            case WireKind.Enum:
                if (String(value) is not { } choice)
                {
                    errors.Add(TypeError(field, path, "a string", value));
                }
                else if (!field.AllowedValues.Contains(choice, StringComparer.Ordinal))
                {
                    errors.Add(new BodyError(path, field.Parameter, ViolationRules.Values, $"{path} must be one of {string.Join(", ", field.AllowedValues)}, but is {choice}."));
                }

                return;

            case WireKind.EnumList:
                CheckEnumList(field, value, path, errors);
                return;

            case WireKind.Image:
                CheckImage(field, value, path, errors);
                return;

            case WireKind.ImageArray:
            case WireKind.ImageFiles:
                if (field.Kind == WireKind.ImageFiles && !options.FormValues)
                {
                    errors.Add(new BodyError(path, field.Parameter, BodyError.TypeRule, $"{path} must be sent as multipart file parts, not in a JSON body."));
                    return;
                }

                if (value is not JsonArray images)
                {
                    errors.Add(TypeError(field, path, "an array of images", value));
                    return;
                }

                if (field.Limits.MaxItems is { } max && images.Count > max)
                {
                    errors.Add(new BodyError(path, field.Parameter, ViolationRules.MaxItems, $"{path} may hold at most {max} items, but holds {images.Count}."));
                }

                if (field.Required && images.Count == 0)
                {
                    errors.Add(new BodyError(path, field.Parameter, ViolationRules.Required, $"{path} needs at least one image on this endpoint."));
                }

                for (var i = 0; i < images.Count; i++)
                {
                    if (images[i] is { } image)
                    {
                        CheckImage(field, image, FormattableString.Invariant($"{path}[{i}]"), errors);
                    }
                }

                return;

            case WireKind.SizeString:
                CheckSizeString(field, value, path, errors);
                return;

            case WireKind.FalImageSize:
                CheckFalImageSize(field, value, path, options, errors);
                return;

            default:
                return;
        }
    }

    private static void CheckInteger(WireField field, ParameterLimits limits, JsonNode value, string path, BodyCheckOptions options, List<BodyError> errors)
    {
        long? number;
        if (field.IntegerAsString)
        {
            // The card sends this integer as a string: a JSON number is the mapper's mistake.
            var text = String(value);
            if (text is null || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                errors.Add(TypeError(field, path, "a string holding a whole number", value));
                return;
            }

            number = parsed;
        }
        else
        {
            number = Integer(value, options.FormValues);
            if (number is null)
            {
                errors.Add(TypeError(field, path, "a whole number", value));
                return;
            }
        }

        CheckRange(field.Parameter, limits, path, number.Value, errors);
        if (limits.MultipleOf is { } step && number.Value % step != 0 && limits.Rounding == Rounding.Reject)
        {
            errors.Add(new BodyError(path, field.Parameter, ViolationRules.MultipleOf, $"{path} must be a multiple of {step}, but is {number.Value}."));
        }
    }

    private static void CheckRange(string parameter, ParameterLimits limits, string path, decimal value, List<BodyError> errors)
    {
        if (value < limits.Minimum)
        {
            errors.Add(new BodyError(path, parameter, ViolationRules.Min, $"{path} must be at least {Text(limits.Minimum.Value)}, but is {Text(value)}."));
        }
        else if (value > limits.Maximum)
        {
            errors.Add(new BodyError(path, parameter, ViolationRules.Max, $"{path} must be at most {Text(limits.Maximum.Value)}, but is {Text(value)}."));
        }
    }

    private static void CheckLength(WireField field, string path, string text, List<BodyError> errors)
    {
        if (field.Required && string.IsNullOrWhiteSpace(text))
        {
            return; // reported once, as "required"
        }

        if (text.Length < field.Limits.MinLength)
        {
            errors.Add(new BodyError(path, field.Parameter, ViolationRules.MinLength, $"{path} must be at least {field.Limits.MinLength} characters long, but has {text.Length}."));
        }
        else if (text.Length > field.Limits.MaxLength)
        {
            errors.Add(new BodyError(path, field.Parameter, ViolationRules.MaxLength, $"{path} must be at most {field.Limits.MaxLength} characters long, but has {text.Length}."));
        }
    }

    private static void CheckEnumList(WireField field, JsonNode value, string path, List<BodyError> errors)
    {
        if (value is not JsonArray items)
        {
            errors.Add(TypeError(field, path, "an array of strings", value));
            return;
        }

        if (field.Limits.MaxItems is { } max && items.Count > max)
        {
            errors.Add(new BodyError(path, field.Parameter, ViolationRules.MaxItems, $"{path} may hold at most {max} items, but holds {items.Count}."));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] is { } node ? String(node) : null;
            if (item is null || !field.AllowedValues.Contains(item, StringComparer.Ordinal))
            {
                var itemPath = FormattableString.Invariant($"{path}[{i}]");
                errors.Add(new BodyError(itemPath, field.Parameter, ViolationRules.Values, $"{itemPath} must be one of {string.Join(", ", field.AllowedValues)}, but is {Describe(items[i])}."));
            }
        }
    }

    private static void CheckImage(WireField field, JsonNode value, string path, List<BodyError> errors)
    {
        if (String(value) is not { } text || text.Length == 0)
        {
            errors.Add(TypeError(field, path, "an image string", value));
            return;
        }

        ImageFormat? format;
        var isUrl = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        var isDataUri = text.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
        switch (field.ImageEncoding)
        {
            case ImageEncodingKind.Base64:
                if (isUrl || isDataUri || !TryBase64(text, out var bytes))
                {
                    errors.Add(new BodyError(path, field.Parameter, BodyError.TypeRule, $"{path} must be raw base64-encoded image data (no URL, no data: prefix)."));
                    return;
                }

                format = ImageFormats.Sniff(bytes);
                break;

            case ImageEncodingKind.DataUri:
            case ImageEncodingKind.File:
                if (!TryDataUri(text, out format))
                {
                    errors.Add(new BodyError(path, field.Parameter, BodyError.TypeRule, $"{path} must be a data:image/…;base64 URI."));
                    return;
                }

                break;

            default: // url: an http(s) URL, or a data URI for a local image
                if (isUrl)
                {
                    format = ImageFormats.FromExtension(uri!.AbsolutePath);
                }
                else if (!TryDataUri(text, out format))
                {
                    errors.Add(new BodyError(path, field.Parameter, BodyError.TypeRule, $"{path} must be an http(s) URL or a data: URI, but is {Describe(value)}."));
                    return;
                }

                break;
        }

        if (format is { } known && field.Limits.Formats.Count > 0 && !field.Limits.Formats.Contains(known.ToWireName(), StringComparer.Ordinal))
        {
            errors.Add(new BodyError(path, field.Parameter, ViolationRules.Format, $"{path} must be {string.Join(", ", field.Limits.Formats)}, but is {known.ToWireName()}."));
        }
    }

    private static void CheckSizeString(WireField field, JsonNode value, string path, List<BodyError> errors)
    {
        if (String(value) is not { } text)
        {
            errors.Add(TypeError(field, path, "a size string such as 1024x768", value));
            return;
        }

        if (text == "auto" || SizeParsing.TryParseRatio(text, out _, out _))
        {
            return;
        }

        if (!SizeParsing.TryParsePixels(text, out var width, out var height))
        {
            errors.Add(new BodyError(path, field.Parameter, BodyError.TypeRule, $"{path} must be WxH (such as 1024x768), W:H or auto, but is {text}."));
            return;
        }

        CheckSide("width", field.WidthLimits, path, width, errors);
        CheckSide("height", field.HeightLimits, path, height, errors);
    }

    private static void CheckFalImageSize(WireField field, JsonNode value, string path, BodyCheckOptions options, List<BodyError> errors)
    {
        if (value is JsonObject size)
        {
            foreach (var (name, _) in size)
            {
                if (name is not ("width" or "height"))
                {
                    errors.Add(new BodyError($"{path}.{name}", field.Parameter, BodyError.UnknownRule, $"{path}.{name} is not a field of {path}; use width and height{StrictNote}."));
                }
            }

            foreach (var side in new[] { "width", "height" })
            {
                var sidePath = $"{path}.{side}";
                if (size[side] is not { } node)
                {
                    errors.Add(new BodyError(sidePath, side, ViolationRules.Required, $"{sidePath} is required."));
                }
                else if (Integer(node, options.FormValues) is not { } pixels)
                {
                    errors.Add(new BodyError(sidePath, side, BodyError.TypeRule, $"{sidePath} must be a whole number, but is {Describe(node)}."));
                }
                else
                {
                    CheckSide(side, side == "width" ? field.WidthLimits : field.HeightLimits, path, pixels, errors, sidePath);
                }
            }

            return;
        }

        if (String(value) is not { } preset || !FalPresets.Contains(preset, StringComparer.Ordinal))
        {
            errors.Add(new BodyError(path, field.Parameter, ViolationRules.Values, $"{path} must be one of {string.Join(", ", FalPresets)} or {{\"width\", \"height\"}}, but is {Describe(value)}."));
        }
    }

    private static void CheckSide(string side, ParameterLimits? limits, string path, long pixels, List<BodyError> errors, string? sidePath = null)
    {
        sidePath ??= $"{path} ({side})";
        if (limits is null)
        {
            return;
        }

        CheckRange(side, limits, sidePath, pixels, errors);
        if (limits.MultipleOf is { } step && pixels % step != 0 && limits.Rounding == Rounding.Reject)
        {
            errors.Add(new BodyError(sidePath, side, ViolationRules.MultipleOf, $"{sidePath} must be a multiple of {step}, but is {pixels}."));
        }
    }

    private static BodyError TypeError(WireField field, string path, string expected, JsonNode? value) =>
        new(path, field.Parameter, BodyError.TypeRule, $"{path} must be {expected}, but is {Describe(value)}.");

    internal static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static long? Integer(JsonNode? node, bool formValues)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.GetValueKind() == JsonValueKind.Number)
        {
            return v.TryGetValue<long>(out var n) ? n
                : v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out var m) ? m
                : v.TryGetValue<int>(out var i) ? i
                : null;
        }

        return formValues && v.GetValueKind() == JsonValueKind.String
            && long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    internal static decimal? Number(JsonNode? node, bool formValues)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.GetValueKind() == JsonValueKind.Number)
        {
            return v.TryGetValue<JsonElement>(out var e) && e.TryGetDecimal(out var d) ? d
                : v.TryGetValue<decimal>(out var m) ? m
                : v.TryGetValue<double>(out var x) ? (decimal)x
                : v.TryGetValue<long>(out var l) ? l
                : null;
        }

        return formValues && v.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    internal static bool? Boolean(JsonNode? node, bool formValues) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when formValues => v.GetValue<string>().ToLowerInvariant() switch { "true" => true, "false" => false, _ => null },
            _ => null,
        }
        : null;

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Shorten(v.GetValue<string>()),
        JsonArray => "an array",
        JsonObject => "an object",
        _ => Shorten(value.ToJsonString()),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[((text.Length + 3) / 4) * 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    private static bool TryDataUri(string text, out ImageFormat? format)
    {
        format = null;
        try
        {
            format = ImageInput.FromDataUri(text).Format;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

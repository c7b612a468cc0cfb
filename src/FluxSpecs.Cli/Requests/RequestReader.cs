using System.Globalization;
using System.Text.Json;
using FluxSpecs.Catalog;
using FluxSpecs.Images;

namespace FluxSpecs.Cli.Requests;

/// <summary>
/// Builds a model's request from the command line: a JSON object keyed by the card's parameter names (<c>--request
/// file</c>, or <c>-</c> for standard input) and repeated <c>--set name=value</c> (later wins; a list takes one item per
/// repetition). Values are parsed by the parameter's card type; provider-only parameters are written
/// <c>provider.name</c> (<c>bfl.webhook_url</c>). Driven by the catalog, so a new card needs no CLI change.
/// </summary>
internal static class RequestReader
{
    public static IModelRequest Read(ModelDescriptor model, string? requestFile, IReadOnlyList<string> sets, string? prompt, TextReader stdin)
    {
        var values = requestFile is null
            ? new Dictionary<string, List<string>>(StringComparer.Ordinal)
            : ReadJson(requestFile == "-" ? stdin.ReadToEnd() : ReadFile(requestFile));

        // --set overrides what the file says; repeating it builds a list.
        var overrides = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set takes name=value, but got '{set}'.");
            }

            var name = set[..equals];
            if (!overrides.TryGetValue(name, out var list))
            {
                overrides[name] = list = [];
            }

            list.Add(set[(equals + 1)..]);
        }

        foreach (var (name, list) in overrides)
        {
            values[name] = list;
        }

        if (prompt is not null)
        {
            values["prompt"] = [prompt];
        }

        var request = model.CreateRequest();
        foreach (var (name, texts) in values)
        {
            Assign(model, request, name, texts);
        }

        return request;
    }

    /// <summary>The model's parameters, for usage messages.</summary>
    public static string ParameterList(ModelDescriptor model) =>
        string.Join(", ", model.Parameters.Select(p => p.Name)
            .Concat(model.Providers.SelectMany(provider => provider.Extra.Select(extra => provider.Id + "." + extra.Name))));

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the request file '{path}': {e.Message}");
        }
    }

    private static Dictionary<string, List<string>> ReadJson(string json)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new UsageException($"The request is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException("The request must be a JSON object keyed by the model's parameter names.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                // null is "not set", as in the request types: the provider's default applies.
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                var list = new List<string>();
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    list.AddRange(property.Value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Null
                        ? throw new UsageException($"{property.Name}: a list item is null; leave it out.")
                        : Text(item)));
                }
                else
                {
                    list.Add(Text(property.Value));
                }

                values[property.Name] = list;
            }
        }

        return values;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static void Assign(ModelDescriptor model, IModelRequest request, string name, IReadOnlyList<string> texts)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var parameter = dot > 0
            ? model.FindProvider(name[..dot])?.Extra.FirstOrDefault(p => p.Name == name[(dot + 1)..])
            : model.FindParameter(name);
        if (parameter is null)
        {
            throw new UsageException($"Unknown parameter '{name}' for {model.Id}. Parameters: {ParameterList(model)}.");
        }

        try
        {
            request.SetParameter(name, Convert(parameter, texts));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The command line's text as the value <see cref="IModelRequest.SetParameter"/> takes for the parameter's card type.</summary>
    private static object Convert(ParameterDescriptor parameter, IReadOnlyList<string> texts)
    {
        switch (parameter.Type)
        {
            case ParameterType.ImageList:
                return texts.Select(text => Image(parameter, text)).ToArray();
            case ParameterType.EnumList:
                return texts.Select(text => WireValue(parameter, text)).ToArray();
        }

        if (texts.Count != 1)
        {
            throw new UsageException($"{parameter.Name} takes one value, but got {texts.Count}.");
        }

        var text = texts[0];
        return parameter.Type switch
        {
            ParameterType.String => text,
            ParameterType.Integer => Parse(parameter, text, "an integer", t => long.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            ParameterType.Number => Parse(parameter, text, "a number", t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)),
            ParameterType.Boolean => Parse(parameter, text, "true or false", t => bool.Parse(t)),
            _ => WireValue(parameter, text),
        };
    }

    private static object Parse(ParameterDescriptor parameter, string text, string expected, Func<string, object> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"{parameter.Name} takes {expected}, but got '{text}'.");
        }
    }

    private static string WireValue(ParameterDescriptor parameter, string wire) =>
        parameter.Values.Any(v => v.Value == wire)
            ? wire
            : throw new UsageException($"{parameter.Name} takes one of {string.Join(", ", parameter.Values.Select(v => v.Value))}, but got '{wire}'.");

    private static ImageInput Image(ParameterDescriptor parameter, string text)
    {
        try
        {
            var image = ImageInput.Parse(text);
            if (image.Kind == ImageSourceKind.File && !File.Exists(image.FilePath))
            {
                throw new UsageException($"{parameter.Name}: no image file at '{text}'.");
            }

            return image;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UsageException($"{parameter.Name}: '{Shorten(text)}' is not an image URL, data URI or file path ({e.Message}).");
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

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
    /// <param name="provider">
    /// The provider the request is for, when the command names one: a body in its own envelope
    /// (<c>{"model": …, "input": {…}}</c>) may then carry its provider-only fields by their wire names, as the provider's
    /// own examples do.
    /// </param>
    public static IModelRequest Read(ModelDescriptor model, string? requestFile, IReadOnlyList<string> sets, string? prompt, TextReader stdin, ProviderDescriptor? provider = null)
    {
        var values = requestFile is null
            ? new Dictionary<string, List<string>>(StringComparer.Ordinal)
            : ReadJson(requestFile == "-" ? stdin.ReadToEnd() : ReadFile(requestFile), model, provider);

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

    private static Dictionary<string, List<string>> ReadJson(string json, ModelDescriptor model, ProviderDescriptor? provider)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            // Comments are skipped, so a request file can say where it comes from.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
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

            foreach (var (name, property) in Parameters(document.RootElement, model, provider).ToList())
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

                values[name] = list;
            }
        }

        return values;
    }

    /// <summary>
    /// The request's fields by parameter name. A body in the envelope Replicate and core.today use — the parameters in an
    /// <c>input</c> object, beside <c>model</c> and top-level fields — is read as its example bodies are written (seeds
    /// 000 and 001): <c>model</c> must name this model (its id, or a provider's model id), and with a provider given, a
    /// field that is not a model parameter is that provider's provider-only parameter of the same wire name (inside
    /// <c>input</c>, or at the top level for a <c>top_level</c> one).
    /// </summary>
    private static IEnumerable<(string Name, JsonProperty Property)> Parameters(JsonElement root, ModelDescriptor model, ProviderDescriptor? provider)
    {
        if (model.FindParameter("input") is not null || !root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                yield return (property.Name, property);
            }

            yield break;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "input")
            {
                continue;
            }

            if (property.Name == "model")
            {
                var named = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                if (named != model.Id && !model.Providers.Any(p => p.ModelId == named || p.EditModelId == named))
                {
                    throw new UsageException($"The request's \"model\" is '{named}', but the command is for {model.Id} (" +
                        string.Join(", ", model.Providers.Select(p => p.Id + ": " + p.ModelId).Distinct()) + ").");
                }

                continue;
            }

            yield return (ProviderOnlyName(provider, property.Name, topLevel: true) ?? property.Name, property);
        }

        foreach (var property in input.EnumerateObject())
        {
            var name = model.FindParameter(property.Name) is null ? ProviderOnlyName(provider, property.Name, topLevel: false) : null;
            yield return (name ?? property.Name, property);
        }
    }

    /// <summary><c>provider.name</c> for the provider-only parameter written as <paramref name="field"/>, or null.</summary>
    private static string? ProviderOnlyName(ProviderDescriptor? provider, string field, bool topLevel) =>
        provider?.Extra.FirstOrDefault(e => (e.Field ?? e.Name) == field && e.TopLevel == topLevel) is { } extra ? provider.Id + "." + extra.Name : null;

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

    /// <summary>The card's spelling of an enum value; a provider's own spelling (<c>jpg</c>) is normalised to it (<c>jpeg</c>).</summary>
    private static string WireValue(ParameterDescriptor parameter, string wire) =>
        parameter.Values.FirstOrDefault(v => v.Accepts(wire))?.Value
            ?? throw new UsageException($"{parameter.Name} takes one of {string.Join(", ", parameter.Values.Select(v => v.Value))}, but got '{wire}'.");

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

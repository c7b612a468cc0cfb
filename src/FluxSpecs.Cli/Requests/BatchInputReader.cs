using System.Globalization;
using System.Text.Json;
using FluxSpecs.Batches;

namespace FluxSpecs.Cli.Requests;

/// <summary>
/// Reads <c>fluxspecs batch --input</c>: JSON Lines, each <c>{"id", "model", "provider" (optional: an id, a list of ids
/// as an array or as <c>"a,b"</c>, or <c>"cheapest"</c>), "deadline" (optional: <c>"90s"</c>, <c>"5m"</c>, or a number of
/// seconds), "request": {card parameters}}</c>. A line that is not such an object is a usage error naming the line, before anything is sent; the
/// parameters' values are checked by the runner, row by row.
/// </summary>
internal static class BatchInputReader
{
    private static readonly string[] Keys = ["id", "model", "provider", "deadline", "request"];

    public static List<BatchRow> Read(string path, TextReader stdin)
    {
        // Line by line: the file's text is never held whole, only the rows made of it.
        var rows = new List<BatchRow>();
        try
        {
            using var file = path == "-" ? null : File.OpenText(path);
            var reader = file ?? stdin;
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    rows.Add(Row(line, number));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--input: cannot read '{path}': {e.Message}");
        }

        return rows.Count > 0 ? rows : throw new UsageException($"--input: '{path}' has no rows; give one JSON object per line.");
    }

    private static BatchRow Row(string line, int number)
    {
        string Where(string message) => string.Create(CultureInfo.InvariantCulture, $"--input line {number}: {message}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new UsageException(Where("not valid JSON: " + e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException(Where("a row is a JSON object {\"id\", \"model\", \"provider\", \"request\"}."));
            }

            foreach (var property in root.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
            {
                throw new UsageException(Where($"unknown key '{property.Name}'; a row has {string.Join(", ", Keys)}."));
            }

            var id = Text(root, "id", Where) ?? throw new UsageException(Where("\"id\" is required: each row needs its own id."));
            var model = Text(root, "model", Where) ?? throw new UsageException(Where("\"model\" is required."));
            string? provider;
            if (root.TryGetProperty("provider", out var providerValue) && providerValue.ValueKind == JsonValueKind.Array)
            {
                // An ordered failover list: the same choice as "bfl,fal".
                if (providerValue.GetArrayLength() == 0 || providerValue.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()) || item.GetString()!.Contains(',', StringComparison.Ordinal)))
                {
                    throw new UsageException(Where("\"provider\" as a list must hold provider ids as strings, tried in order, such as [\"bfl\", \"fal\"]."));
                }

                provider = string.Join(",", providerValue.EnumerateArray().Select(item => item.GetString()));
            }
            else
            {
                provider = Text(root, "provider", Where);
            }

            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (root.TryGetProperty("request", out var request) && request.ValueKind != JsonValueKind.Null)
            {
                if (request.ValueKind != JsonValueKind.Object)
                {
                    throw new UsageException(Where("\"request\" must be a JSON object keyed by the model's parameter names."));
                }

                foreach (var parameter in request.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
                {
                    parameters[parameter.Name] = Value(parameter.Value);
                }
            }

            return new BatchRow(id, model, provider, parameters) { Deadline = Deadline(root, Where) };
        }
    }

    /// <summary>The row's <c>"deadline"</c>: a duration (<see cref="DurationText"/>) or a positive number of seconds.</summary>
    private static TimeSpan? Deadline(JsonElement root, Func<string, string> where)
    {
        if (!root.TryGetProperty("deadline", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        TimeSpan? deadline = value.ValueKind switch
        {
            JsonValueKind.String => DurationText.Parse(text),
            JsonValueKind.Number when value.TryGetDouble(out var seconds) && seconds > 0 && seconds <= 10 * 365 * 86_400d => TimeSpan.FromSeconds(seconds),
            _ => null,
        };
        return deadline ?? throw new UsageException(where($"\"deadline\" is {text}, not a duration; {DurationText.Rule}, or a number of seconds."));
    }

    private static string? Text(JsonElement root, string name, Func<string, string> where) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new UsageException(where($"\"{name}\" must be a string."));

    /// <summary>A JSON value as <see cref="IModelRequest.SetParameter"/> takes it; one it cannot take becomes the row's violation.</summary>
    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText()).ToArray(),
        _ => value.GetRawText(),
    };
}

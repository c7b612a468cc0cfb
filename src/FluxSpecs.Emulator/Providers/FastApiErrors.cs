using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Validation;

namespace FluxSpecs.Emulator.Providers;

/// <summary>The FastAPI/pydantic error shapes BFL, fal and core.today answer with.</summary>
internal static class FastApiErrors
{
    /// <summary><c>{"detail": "message"}</c>.</summary>
    public static JsonObject Detail(string message) => new() { ["detail"] = message };

    /// <summary><c>{"detail": [{"loc": ["body", …], "msg": …, "type": …}]}</c>, one item per error.</summary>
    public static JsonObject Validation(IEnumerable<BodyError> errors) => new()
    {
        ["detail"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["loc"] = new JsonArray([.. new[] { "body" }.Concat(Location(e.Field)).Select(p => (JsonNode?)JsonValue.Create(p))]),
            ["msg"] = e.Message,
            ["type"] = e.Rule,
        })]),
    };

    private static IEnumerable<string> Location(string field) =>
        field.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
}

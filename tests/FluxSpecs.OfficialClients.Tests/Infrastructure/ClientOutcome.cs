using System.Text.Json;
using Xunit.Sdk;

namespace FluxSpecs.OfficialClients.Tests.Infrastructure;

/// <summary>
/// What a client script printed as its last line: <c>{"ok": true, "result": …}</c>, or <c>{"ok": false, "error": …}</c>
/// when the client threw where the scenario expected no error.
/// </summary>
internal sealed class ClientOutcome
{
    private readonly string _name;
    private readonly JsonObject _json;
    private readonly ProcessRun _run;

    private ClientOutcome(string name, JsonObject json, ProcessRun run)
    {
        _name = name;
        _json = json;
        _run = run;
    }

    /// <summary>The scenario's result; fails the test with the client's error (and its stderr) when it threw.</summary>
    public JsonNode Result => _json["ok"]?.GetValue<bool>() == true
        ? _json["result"] ?? throw new XunitException($"{_name} returned no result.")
        : throw new XunitException($"{_name}: the client threw {_json["error"]?.ToJsonString()}{Stderr()}");

    /// <summary>The error the client threw; fails the test when the scenario succeeded.</summary>
    public JsonNode Error => _json["ok"]?.GetValue<bool>() == false
        ? _json["error"] ?? throw new XunitException($"{_name} returned no error.")
        : throw new XunitException($"{_name}: expected the client to throw, it returned {_json["result"]?.ToJsonString()}");

    public static ClientOutcome From(string script, string scenario, ProcessRun run)
    {
        var name = $"{script} {scenario}";
        var lastLine = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        JsonObject? json = null;
        try
        {
            json = lastLine is null ? null : JsonNode.Parse(lastLine) as JsonObject;
        }
        catch (JsonException)
        {
        }

        return json is not null && run.ExitCode == 0
            ? new ClientOutcome(name, json, run)
            : throw new XunitException($"node {name} exited {run.ExitCode} without an outcome.\nstdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
    }

    private string Stderr() => string.IsNullOrWhiteSpace(_run.Stderr) ? "" : $"\nstderr:\n{_run.Stderr}";
}

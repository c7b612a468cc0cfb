using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// <c>fluxspecs emulator</c>'s options, seen from a provider's client: the command runs as from the shell, and the
/// tests call the emulator it started over HTTP.
/// </summary>
public sealed partial class EmulatorCommandTests
{
    [Fact]
    public async Task Keys_limit_a_provider_to_its_key_and_a_wrong_key_gets_the_providers_401()
    {
        await using var emulator = await RunningEmulator.StartAsync("--keys", "bfl=right-key");
        var body = new JsonObject { ["prompt"] = "x" };

        var (wrong, wrongBody, _) = await emulator.SendAsync(HttpMethod.Post, "bfl/v1/flux-2-pro", body, ("x-key", "wrong-key"));
        var (right, _, _) = await emulator.SendAsync(HttpMethod.Post, "bfl/v1/flux-2-pro", body, ("x-key", "right-key"));
        var (other, _, _) = await emulator.SendAsync(HttpMethod.Post, "fal/fal-ai/flux-2-pro", body, ("Authorization", "Key anything"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Contains("x-key", wrongBody!["detail"]!.GetValue<string>(), StringComparison.Ordinal); // BFL's {"detail": …}
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.Equal(HttpStatusCode.OK, other); // providers not listed take any non-empty key
        Assert.DoesNotContain("right-key", emulator.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_time_keeps_a_job_queued_long_enough_to_cancel_it_there()
    {
        await using var emulator = await RunningEmulator.StartAsync("--queue-time", "60000");
        var key = ("Authorization", "Key k");
        var (_, submitted, _) = await emulator.SendAsync(HttpMethod.Post, "fal/fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "x" }, key);

        var (_, status, _) = await emulator.SendAsync(HttpMethod.Get, submitted!["status_url"]!.GetValue<string>(), null, key);
        var (canceled, cancelBody, _) = await emulator.SendAsync(HttpMethod.Put, submitted["cancel_url"]!.GetValue<string>(), null, key);

        Assert.Equal("IN_QUEUE", status!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, canceled);
        Assert.Equal("CANCELLATION_REQUESTED", cancelBody!["status"]!.GetValue<string>());
        Assert.Contains("jobs queue 60000 ms, run 15 ms", emulator.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_time_keeps_a_started_job_running()
    {
        await using var emulator = await RunningEmulator.StartAsync("--queue-time", "0", "--run-time", "60000");
        var key = ("Authorization", "Bearer k");
        var (_, created, _) = await emulator.SendAsync(HttpMethod.Post, "replicate/v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x" } }, key);
        var get = created!["urls"]!["get"]!.GetValue<string>();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string state;
        do
        {
            var (_, prediction, _) = await emulator.SendAsync(HttpMethod.Get, get, null, key);
            state = prediction!["status"]!.GetValue<string>();
        }
        while (state == "starting" && DateTime.UtcNow < deadline);

        Assert.Equal("processing", state);
    }

    [Fact]
    public async Task Strict_refuses_an_unknown_field_naming_it_and_the_default_ignores_and_lists_it()
    {
        await using var strict = await RunningEmulator.StartAsync("--strict");
        await using var lenient = await RunningEmulator.StartAsync();
        var body = new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x", ["num_outputs"] = 1 } };
        var key = ("Authorization", "Bearer k");
        const string Path = "replicate/v1/models/black-forest-labs/flux-2-pro/predictions";

        var (refused, error, _) = await strict.SendAsync(HttpMethod.Post, Path, body, key);
        var (accepted, _, headers) = await lenient.SendAsync(HttpMethod.Post, Path, body, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal("input.num_outputs", error!["invalid_fields"]![0]!["field"]!.GetValue<string>());
        Assert.Contains("input.num_outputs", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted);
        Assert.Equal("input.num_outputs", Assert.Single(headers.GetValues("X-Emulator-Ignored-Fields")));
    }

    [Fact]
    public async Task Models_limit_what_is_served()
    {
        await using var emulator = await RunningEmulator.StartAsync("--models", "flux-2-dev");
        var key = ("Authorization", "Key k");

        var (dev, _, _) = await emulator.SendAsync(HttpMethod.Post, "fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "x" }, key);
        var (pro, error, _) = await emulator.SendAsync(HttpMethod.Post, "fal/fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "x" }, key);

        Assert.Equal(HttpStatusCode.OK, dev);
        Assert.Equal(HttpStatusCode.NotFound, pro);
        Assert.Contains("fal-ai/flux-2-pro", error!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("models: flux-2-dev;", emulator.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--queue-time", "-5", "--queue-time: '-5' is not a time in milliseconds; give a whole number from 0 to 86400000")]
    [InlineData("--run-time", "2s", "--run-time: '2s' is not a time in milliseconds")]
    [InlineData("--keys", "bfl", "--keys: item 1 has no '='")]
    [InlineData("--keys", "bfl=", "--keys: 'bfl' has an empty key")]
    [InlineData("--keys", "openai=k", "--keys: 'openai' is not a provider the emulator serves; give one of replicate,")]
    [InlineData("--keys", "bfl=a,bfl=b", "--keys: 'bfl' is given twice")]
    [InlineData("--models", "flux-9", "--models: 'flux-9' is not a model of the catalog; give one or more of ")]
    [InlineData("--port", "70000", "--port: 70000 is not a port")]
    public async Task A_bad_value_is_a_usage_error_naming_the_option_the_value_and_the_rule(string option, string value, string message)
    {
        var result = await Cli.RunAsync("emulator", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: " + message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_an_id_is_never_echoed()
    {
        var result = await Cli.RunAsync("emulator", "--keys", "sk-secret-value");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("sk-secret-value", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The command running in process until disposed, and a client for the address it printed.</summary>
    private sealed partial class RunningEmulator : IAsyncDisposable
    {
        private readonly StringWriter _output;
        private readonly CancellationTokenSource _stop;
        private readonly Task<int> _run;
        private readonly HttpClient _client;

        private RunningEmulator(StringWriter output, CancellationTokenSource stop, Task<int> run, Uri baseAddress)
        {
            _output = output;
            _stop = stop;
            _run = run;
            _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        }

        public string Output => _output.ToString();

        public static async Task<RunningEmulator> StartAsync(params string[] options)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var stop = new CancellationTokenSource();
            var run = CliApp.RunAsync(["emulator", .. options], output, error, TextReader.Null, Models.ModelCatalog.Models, stop.Token);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!output.ToString().Contains("Ctrl+C to stop.", StringComparison.Ordinal) && !run.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            var listening = Listening().Match(output.ToString());
            Assert.True(listening.Success, $"the emulator did not start: {output} / {error}");
            return new RunningEmulator(output, stop, run, new Uri(listening.Groups["url"].Value));
        }

        public async Task<(HttpStatusCode Status, JsonNode? Body, System.Net.Http.Headers.HttpResponseHeaders Headers)> SendAsync(
            HttpMethod method, string path, JsonNode? body, (string Name, string Value) header)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Assert.Equal(0, await _run);
            _client.Dispose();
            _stop.Dispose();
            _output.Dispose();
        }

        [GeneratedRegex(@"emulator listening on (?<url>http://127\.0\.0\.1:\d+/)")]
        private static partial Regex Listening();
    }
}

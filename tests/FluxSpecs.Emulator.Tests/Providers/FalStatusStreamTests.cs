using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>fal's status stream: server-sent events of the status object, pushed as the job changes, closed after COMPLETED.</summary>
public sealed class FalStatusStreamTests
{
    private static JsonObject Body() => new()
    {
        ["prompt"] = "a red bicycle",
        ["image_size"] = new JsonObject { ["width"] = 256, ["height"] = 256 },
        ["seed"] = 3,
    };

    [Fact]
    public async Task The_stream_sends_each_state_once_then_closes_after_COMPLETED()
    {
        // On a fake clock, so that each state lasts until the test moves on: the stream sends the state it finds when
        // it wakes, and on the wall clock a slow reader could see IN_QUEUE then COMPLETED.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock, QueueTime = TimeSpan.FromMinutes(1), RunTime = TimeSpan.FromMinutes(1) });
        using var client = TestHttpClients.For(server, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        var id = Http.Str(submitted!["request_id"]);

        using var stream = await SseStream.OpenAsync(client, Http.Str(submitted["status_url"]) + "/stream?logs=1");
        var events = new List<JsonNode?> { await stream.NextEventAsync() };
        while (Http.Str(events[^1]!["status"]) != "COMPLETED")
        {
            // The clock moves a second at a time until /status shows a new state, then stands still until the stream
            // sends it, so no state can be stepped over.
            var shown = Http.Str(events[^1]!["status"]);
            for (var i = 0; i < 600 && shown == Http.Str(events[^1]!["status"]); i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                var (_, now, _) = await Http.GetAsync(client, Http.Str(submitted["status_url"]));
                shown = Http.Str(now!["status"]);
            }

            events.Add(await stream.NextEventAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Null(await stream.NextEventAsync());
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"], events.Select(e => Http.Str(e!["status"])));
        Assert.All(events, e => Assert.Equal(id, Http.Str(e!["request_id"])));
        Assert.All(events, e => Assert.Equal(Http.Str(submitted["response_url"]), Http.Str(e!["response_url"])));
        Assert.Equal(0, events[0]!["queue_position"]!.GetValue<int>());
        Assert.NotEmpty(events[1]!["logs"]!.AsArray());
        Assert.Null(events[2]!["error"]);

        // The last event is what /status answers from then on.
        var (_, status, _) = await Http.GetAsync(client, Http.Str(submitted["status_url"]) + "?logs=1");
        Assert.Equal(status!.ToJsonString(), events[2]!.ToJsonString());
    }

    [Fact]
    public async Task A_finished_request_streams_one_COMPLETED_event()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = TestHttpClients.For(server, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        await Http.PollAsync(client, Http.Str(submitted!["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");

        using var stream = await SseStream.OpenAsync(client, Http.Str(submitted["status_url"]) + "/stream");
        var events = await stream.ReadToEndAsync();

        Assert.Equal("COMPLETED", Http.Str(Assert.Single(events)!["status"]));
    }

    [Fact]
    public async Task Queue_moves_are_pushed_and_a_cancel_ends_the_stream_with_the_error()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { QueueTime = TimeSpan.FromHours(1) });
        using var client = TestHttpClients.For(server, "fal");
        var (_, first, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        var (_, second, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        using var stream = await SseStream.OpenAsync(client, Http.Str(second!["status_url"]) + "/stream");
        var queued = await stream.NextEventAsync();
        Assert.Equal(1, queued!["queue_position"]!.GetValue<int>());

        // The first request leaving the queue moves the second up, with no call from this client.
        using var cancelFirst = await client.PutAsync(Http.Str(first!["cancel_url"]), null);
        var moved = await stream.NextEventAsync();
        Assert.Equal("IN_QUEUE", Http.Str(moved!["status"]));
        Assert.Equal(0, moved["queue_position"]!.GetValue<int>());

        using var cancelSecond = await client.PutAsync(Http.Str(second["cancel_url"]), null);
        var rest = await stream.ReadToEndAsync();
        var completed = Assert.Single(rest);
        Assert.Equal("COMPLETED", Http.Str(completed!["status"]));
        Assert.Equal("request_cancelled", Http.Str(completed["error_type"]));
    }

    [Fact]
    public async Task A_quiet_stream_gets_a_keep_alive_comment_every_15_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock, QueueTime = TimeSpan.FromHours(1) });
        using var client = TestHttpClients.For(server, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        using var stream = await SseStream.OpenAsync(client, Http.Str(submitted!["status_url"]) + "/stream");
        Assert.Equal("IN_QUEUE", Http.Str((await stream.NextEventAsync())!["status"]));

        // The stream sets its keep-alive timer after the event reaches us; step the clock until the comment comes.
        var comment = stream.NextLineAsync();
        for (var i = 0; i < 200 && !comment.IsCompleted; i++)
        {
            clock.Advance(FalKeepAlive);
            await Task.WhenAny(comment, Task.Delay(50));
        }

        Assert.Equal(": keep-alive", await comment);
    }

    [Fact]
    public async Task A_drop_fault_cuts_the_stream_where_its_second_event_would_be()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { QueueTime = TimeSpan.FromHours(1) });
        using var client = TestHttpClients.For(server, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body(), fault: "drop;on=stream");

        using var stream = await SseStream.OpenAsync(client, Http.Str(submitted!["status_url"]) + "/stream");
        Assert.Equal("IN_QUEUE", Http.Str((await stream.NextEventAsync())!["status"]));
        using var cancel = await client.PutAsync(Http.Str(submitted["cancel_url"]), null);

        await Assert.ThrowsAnyAsync<IOException>(() => stream.ReadToEndAsync());

        // The fault was used up: the next stream is whole.
        using var again = await SseStream.OpenAsync(client, Http.Str(submitted["status_url"]) + "/stream");
        Assert.Equal("COMPLETED", Http.Str(Assert.Single(await again.ReadToEndAsync())!["status"]));
    }

    [Fact]
    public async Task A_garbage_fault_sends_a_malformed_event_in_place_of_the_second_and_closes()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { QueueTime = TimeSpan.FromHours(1) });
        using var client = TestHttpClients.For(server, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        using var stream = await SseStream.OpenAsync(client, Http.Str(submitted!["status_url"]) + "/stream", fault: "garbage");
        Assert.Equal("IN_QUEUE", Http.Str((await stream.NextEventAsync())!["status"]));
        using var cancel = await client.PutAsync(Http.Str(submitted["cancel_url"]), null);

        var malformed = await stream.NextDataAsync();
        Assert.NotNull(malformed);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(malformed));
        Assert.Null(await stream.NextDataAsync());
    }

    [Theory]
    [InlineData("503", HttpStatusCode.ServiceUnavailable)]
    [InlineData("429", HttpStatusCode.TooManyRequests)]
    public async Task An_error_fault_answers_the_opening_in_fal_s_error_shape(string fault, HttpStatusCode expected)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = TestHttpClients.For(server, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        var (status, body, _) = await Http.GetAsync(client, Http.Str(submitted!["status_url"]) + "/stream", fault);

        Assert.Equal(expected, status);
        Assert.NotNull(body!["detail"]);
    }

    [Fact]
    public async Task The_stream_needs_the_key_and_a_known_request()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = TestHttpClients.For(server, "fal");
        using var anonymous = TestHttpClients.For(server, "fal", authorized: false);
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        var (unauthorized, _, _) = await Http.GetAsync(anonymous, Http.Str(submitted!["status_url"]) + "/stream");
        var (missing, body, _) = await Http.GetAsync(client, "fal-ai/flux-2-pro/requests/no-such-request/status/stream");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("Request not found.", Http.Str(body!["detail"]));
    }

    private static readonly TimeSpan FalKeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>A server-sent event stream read line by line, as fal's clients read it.</summary>
    private sealed class SseStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private SseStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        public static async Task<SseStream> OpenAsync(HttpClient client, string url, string? fault = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (fault is not null)
            {
                request.Headers.Add("X-Emulator-Fault", fault);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>The next line that is not blank (an event's field or a comment), or null at the end of the stream.</summary>
        public async Task<string?> NextLineAsync()
        {
            while (await _reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    return line;
                }
            }

            return null;
        }

        /// <summary>The next event's data (comments and blank lines skipped), or null at the end of the stream.</summary>
        public async Task<string?> NextDataAsync()
        {
            while (await _reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    return line["data: ".Length..];
                }
            }

            return null;
        }

        public async Task<JsonNode?> NextEventAsync() => await NextDataAsync() is { } data ? JsonNode.Parse(data) : null;

        public async Task<List<JsonNode?>> ReadToEndAsync()
        {
            var events = new List<JsonNode?>();
            while (await NextEventAsync() is { } next)
            {
                events.Add(next);
            }

            return events;
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }
}

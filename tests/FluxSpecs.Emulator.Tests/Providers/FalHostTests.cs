namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>
/// fal as its own client sees it: the synchronous host (fal.run) under <c>/fal-run/</c>, the request id in
/// <c>x-fal-request-id</c> on every response about a request, and status logs in fal's shape.
/// </summary>
public sealed class FalHostTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Body() => new()
    {
        ["prompt"] = "a red bicycle",
        ["image_size"] = new JsonObject { ["width"] = 512, ["height"] = 384 },
        ["output_format"] = "png",
        ["seed"] = 11,
    };

    private string SyncUrl(string endpoint) => new Uri(emulator.Server.BaseAddress, "fal-run/" + endpoint).ToString();

    private static string RequestId(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("x-fal-request-id"));

    [Fact]
    public async Task The_synchronous_host_answers_the_result_itself_with_the_request_id_in_the_header()
    {
        using var client = emulator.Client("fal");

        var (status, result, response) = await Http.PostAsync(client, SyncUrl("fal-ai/flux-2-pro"), Body());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(result!["request_id"]); // a result, not a queue receipt
        Assert.Null(result["status_url"]);
        var image = result["images"]![0]!;
        Assert.Equal((512, 384), (image["width"]!.GetValue<int>(), image["height"]!.GetValue<int>()));
        Assert.Equal(11, result["seed"]!.GetValue<long>());
        Assert.Equal(("png", 512, 384), ImageHeader.Read(await Http.DownloadAsync(Http.Str(image["url"]), "image/png")));
        var job = emulator.Server.Jobs.Find(RequestId(response))!;
        Assert.Equal(("fal", "fal-ai/flux-2-pro"), (job.ProviderId, job.ProviderModelId));
    }

    [Fact]
    public async Task The_synchronous_host_serves_edit_subpaths_and_checks_bodies_as_the_queue_does()
    {
        using var client = emulator.Client("fal");
        var edit = Body();
        edit["image_urls"] = new JsonArray("https://example.com/in.jpg");
        var bad = Body();
        bad["safety_tolerance"] = 2; // fal's is a string enum

        var (editStatus, _, editResponse) = await Http.PostAsync(client, SyncUrl("fal-ai/flux-2-pro/edit"), edit);
        var (badStatus, error, _) = await Http.PostAsync(client, SyncUrl("fal-ai/flux-2-pro"), bad);
        var (missingStatus, missing, _) = await Http.PostAsync(client, SyncUrl("fal-ai/no-such-model"), Body());

        Assert.Equal(HttpStatusCode.OK, editStatus);
        Assert.Equal("fal-ai/flux-2-pro/edit", emulator.Server.Jobs.Find(RequestId(editResponse))!.ProviderModelId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.Equal(["body", "safety_tolerance"], Assert.Single(error!["detail"]!.AsArray())!["loc"]!.AsArray().Select(Http.Str));
        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Assert.Contains("fal-ai/no-such-model", Http.Str(missing!["detail"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail;message=GPU fell over", HttpStatusCode.InternalServerError)]
    [InlineData("moderate", HttpStatusCode.UnprocessableEntity)]
    public async Task A_synchronous_request_that_does_not_succeed_answers_fals_error(string fault, HttpStatusCode expected)
    {
        using var client = emulator.Client("fal");

        var (status, error, response) = await Http.PostAsync(client, SyncUrl("fal-ai/flux-2-pro"), Body(), fault: fault);

        Assert.Equal(expected, status);
        Assert.NotNull(error!["detail"]);
        Assert.NotNull(emulator.Server.Jobs.Find(RequestId(response)));
    }

    [Fact]
    public async Task The_synchronous_host_needs_fals_key()
    {
        using var client = emulator.Client("fal", authorized: false);

        var (status, error, _) = await Http.PostAsync(client, SyncUrl("fal-ai/flux-2-pro"), Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Authorization: Key", Http.Str(error!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_status_result_and_cancel_carry_the_request_id()
    {
        using var client = emulator.Client("fal");
        var (_, submitted, submitResponse) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        var id = Http.Str(submitted!["request_id"]);

        await Http.PollAsync(client, Http.Str(submitted["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");
        var (_, _, statusResponse) = await Http.GetAsync(client, Http.Str(submitted["status_url"]));
        var (_, _, resultResponse) = await Http.GetAsync(client, Http.Str(submitted["response_url"]));
        var (_, _, cancelResponse) = await Http.SendAsync(client, HttpMethod.Put, Http.Str(submitted["cancel_url"]));

        Assert.Equal(id, RequestId(submitResponse));
        Assert.Equal(id, RequestId(statusResponse));
        Assert.Equal(id, RequestId(resultResponse));
        Assert.Equal(id, RequestId(cancelResponse));
    }

    [Fact]
    public async Task Status_logs_are_in_fals_shape_when_asked_for()
    {
        using var client = emulator.Client("fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        var statusUrl = Http.Str(submitted!["status_url"]);
        await Http.PollAsync(client, statusUrl, s => Http.Str(s["status"]) == "COMPLETED");

        var (_, withLogs, _) = await Http.GetAsync(client, statusUrl + "?logs=1");
        var (_, withoutLogs, _) = await Http.GetAsync(client, statusUrl);

        var logs = withLogs!["logs"]!.AsArray();
        Assert.Equal(2, logs.Count); // started, finished
        foreach (var line in logs)
        {
            Assert.Equal(["message", "level", "source", "timestamp"], line!.AsObject().Select(p => p.Key));
            Assert.Equal("INFO", Http.Str(line["level"]));
            Assert.Equal("USER", Http.Str(line["source"]));
            Assert.True(DateTimeOffset.TryParse(Http.Str(line["timestamp"]), System.Globalization.CultureInfo.InvariantCulture, out _));
        }

        Assert.Null(withoutLogs!["logs"]);
    }

    [Fact]
    public async Task A_request_canceled_in_the_queue_logs_only_its_cancellation()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, "fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        var (_, queued, _) = await Http.GetAsync(client, Http.Str(submitted!["status_url"]) + "?logs=1");
        await Http.SendAsync(client, HttpMethod.Put, Http.Str(submitted["cancel_url"]));

        var (_, canceled, _) = await Http.GetAsync(client, Http.Str(submitted["status_url"]) + "?logs=1");

        Assert.Empty(queued!["logs"]!.AsArray());
        var line = Assert.Single(canceled!["logs"]!.AsArray());
        Assert.Equal("The request was cancelled.", Http.Str(line!["message"]));
    }
}

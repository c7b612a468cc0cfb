namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>core.today's predictions with job_id and its five statuses (seeds 000, 001).</summary>
public sealed class CoreTodayTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Body(string format = "jpg") => new()
    {
        ["model"] = "black-forest-labs/flux-2-pro",
        ["input"] = new JsonObject
        {
            ["prompt"] = "glossy candy letters",
            ["aspect_ratio"] = "custom",
            ["width"] = 320,
            ["height"] = 256,
            ["output_format"] = format,
        },
    };

    [Fact]
    public async Task A_create_without_a_key_is_401()
    {
        using var client = emulator.Client("core-today", authorized: false);
        var (status, body, _) = await Http.PostAsync(client, "v1/predictions", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("X-API-Key", Http.Str(body!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_is_accepted_as_well_as_x_api_key()
    {
        using var client = emulator.Client("core-today", authorized: false);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer abc");

        var (status, _, _) = await Http.PostAsync(client, "v1/predictions", Body());

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Create_poll_complete_and_download_a_jpeg()
    {
        using var client = emulator.Client("core-today");
        var (status, created, _) = await Http.PostAsync(client, "v1/predictions", Body());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("pending", Http.Str(created!["status"]));
        var id = Http.Str(created["job_id"]);
        Assert.StartsWith("job_", id, StringComparison.Ordinal);

        var done = await Http.PollAsync(client, $"v1/predictions/{id}", j => Http.Str(j["status"]) is "completed" or "failed");
        Assert.Equal("completed", Http.Str(done["status"]));
        Assert.Null(done["error"]);

        var url = Http.Str(done["result"]!["output"]![0]);
        Assert.Equal(("jpeg", 320, 256), ImageHeader.Read(await Http.DownloadAsync(url, "image/jpeg")));
    }

    [Fact]
    public async Task Jpeg_in_the_models_spelling_is_422_because_core_today_passes_replicates_jpg()
    {
        using var client = emulator.Client("core-today");
        var (status, error, _) = await Http.PostAsync(client, "v1/predictions", Body(format: "jpeg"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Assert.Single(error!["detail"]!.AsArray());
        Assert.Equal(["body", "input", "output_format"], detail!["loc"]!.AsArray().Select(Http.Str));
        Assert.Equal("values", Http.Str(detail["type"]));
        Assert.Contains("jpg, png, webp", Http.Str(detail["msg"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_422_naming_the_model_field()
    {
        using var client = emulator.Client("core-today");
        var body = Body();
        body["model"] = "black-forest-labs/flux-schnell";

        var (status, error, _) = await Http.PostAsync(client, "v1/predictions", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("model", Http.Str(error!["detail"]![0]!["loc"]![1]));
    }

    [Fact]
    public async Task Delete_cancels_a_pending_job()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, "core-today");
        var (_, created, _) = await Http.PostAsync(client, "v1/predictions", Body());
        var id = Http.Str(created!["job_id"]);

        var (status, canceled, _) = await Http.SendAsync(client, HttpMethod.Delete, $"v1/predictions/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", Http.Str(canceled!["status"]));
    }

    [Fact]
    public async Task Delete_of_a_completed_job_is_409()
    {
        using var client = emulator.Client("core-today");
        var (_, created, _) = await Http.PostAsync(client, "v1/predictions", Body());
        var id = Http.Str(created!["job_id"]);
        await Http.PollAsync(client, $"v1/predictions/{id}", j => Http.Str(j["status"]) == "completed");

        var (status, _, _) = await Http.SendAsync(client, HttpMethod.Delete, $"v1/predictions/{id}");

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task A_failed_job_reports_failed_with_its_error()
    {
        using var client = emulator.Client("core-today");
        var (_, created, _) = await Http.PostAsync(client, "v1/predictions", Body(), fault: "fail");
        var done = await Http.PollAsync(client, $"v1/predictions/{Http.Str(created!["job_id"])}", j => Http.Str(j["status"]) != "pending" && Http.Str(j["status"]) != "processing");

        Assert.Equal("failed", Http.Str(done["status"]));
        Assert.Contains("fault 'fail'", Http.Str(done["error"]), StringComparison.Ordinal);
        Assert.Null(done["result"]);
    }
}

namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>Replicate's predictions API as an official client uses it.</summary>
public sealed class ReplicateTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Create = "v1/models/black-forest-labs/flux-2-pro/predictions";

    private static JsonObject Body(string prompt = "a lighthouse at dusk", string format = "png") => new()
    {
        ["input"] = new JsonObject
        {
            ["prompt"] = prompt,
            ["aspect_ratio"] = "custom",
            ["width"] = 512,
            ["height"] = 384,
            ["output_format"] = format,
            ["seed"] = 7,
        },
    };

    [Fact]
    public async Task A_create_without_a_token_is_401_in_replicates_shape()
    {
        using var client = emulator.Client("replicate", authorized: false);
        var (status, body, _) = await Http.PostAsync(client, Create, Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthenticated", Http.Str(body!["title"]));
        Assert.Equal(401, body["status"]!.GetValue<int>());
        Assert.Contains("Authorization: Bearer", Http.Str(body["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_the_wrong_scheme_is_401()
    {
        using var client = emulator.Client("replicate", authorized: false);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Key test-key-123");

        var (status, _, _) = await Http.PostAsync(client, Create, Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Create_poll_complete_and_download_a_png_of_the_requested_size()
    {
        using var client = emulator.Client("replicate");
        var (status, created, response) = await Http.PostAsync(client, Create, Body());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("starting", Http.Str(created!["status"]));
        Assert.Equal("black-forest-labs/flux-2-pro", Http.Str(created["model"]));
        var get = Http.Str(created["urls"]!["get"]);
        Assert.Equal(get, response.Headers.Location?.ToString());
        Assert.StartsWith(emulator.Server.ProviderBaseUrl("replicate").ToString(), get, StringComparison.Ordinal);

        var done = await Http.PollAsync(client, get, p => Http.Str(p["status"]) is "succeeded" or "failed" or "canceled");
        Assert.Equal("succeeded", Http.Str(done["status"]));
        Assert.NotNull(done["completed_at"]);

        var image = await Http.DownloadAsync(Http.Str(done["output"]), "image/png");
        Assert.Equal(("png", 512, 384), ImageHeader.Read(image));
    }

    [Fact]
    public async Task Prefer_wait_holds_the_create_until_the_prediction_is_done()
    {
        using var client = emulator.Client("replicate");
        var (status, created, _) = await Http.PostAsync(client, Create, Body(format: "jpg"), headers: new Dictionary<string, string> { ["Prefer"] = "wait=5" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("succeeded", Http.Str(created!["status"]));
        var image = await Http.DownloadAsync(Http.Str(created["output"]), "image/jpeg");
        Assert.Equal(("jpeg", 512, 384), ImageHeader.Read(image));
    }

    [Fact]
    public async Task Aspect_ratio_and_resolution_give_the_size_when_width_and_height_are_not_sent()
    {
        using var client = emulator.Client("replicate");
        var body = new JsonObject { ["input"] = new JsonObject { ["prompt"] = "wide", ["aspect_ratio"] = "16:9", ["resolution"] = "0.5 MP", ["output_format"] = "png" } };

        var (_, created, _) = await Http.PostAsync(client, Create, body, headers: new Dictionary<string, string> { ["Prefer"] = "wait" });

        var (format, width, height) = ImageHeader.Read(await Http.DownloadAsync(Http.Str(created!["output"]), "image/png"));
        Assert.Equal("png", format);
        Assert.Equal((960, 544), (width, height)); // 0.5 MP at 16:9, sides rounded to Replicate's multiple of 32
    }

    [Fact]
    public async Task A_body_that_breaks_replicates_narrower_limit_is_422_naming_the_field()
    {
        using var client = emulator.Client("replicate");
        var body = Body();
        body["input"]!["safety_tolerance"] = 6; // the model allows 6 (Vtrix); Replicate stops at 5

        var (status, error, _) = await Http.PostAsync(client, Create, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Input validation failed", Http.Str(error!["title"]));
        var field = Assert.Single(error["invalid_fields"]!.AsArray());
        Assert.Equal("input.safety_tolerance", Http.Str(field!["field"]));
        Assert.Equal("max", Http.Str(field["type"]));
        Assert.Contains("input.safety_tolerance must be at most 5, but is 6", Http.Str(error["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replicates_own_value_spelling_is_required_and_unsupported_parameters_are_rejected()
    {
        using var client = emulator.Client("replicate");
        var body = Body(format: "jpeg"); // Replicate spells it jpg
        body["input"]!["prompt_upsampling"] = true; // not in version 285631b5

        var (status, error, _) = await Http.PostAsync(client, Create, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var fields = error!["invalid_fields"]!.AsArray().Select(f => (Http.Str(f!["field"]), Http.Str(f["type"]))).ToList();
        Assert.Contains(("input.output_format", "values"), fields);
        Assert.Contains(("input.prompt_upsampling", "unsupported"), fields);
    }

    [Fact]
    public async Task A_missing_prompt_and_a_misplaced_width_are_reported_together()
    {
        using var client = emulator.Client("replicate");
        var body = new JsonObject { ["input"] = new JsonObject { ["width"] = 512 } }; // width only applies with aspect_ratio custom

        var (status, error, _) = await Http.PostAsync(client, Create, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var fields = error!["invalid_fields"]!.AsArray().Select(f => (Http.Str(f!["field"]), Http.Str(f["type"]))).ToList();
        Assert.Contains(("input.prompt", "required"), fields);
        Assert.Contains(("input.width", "applies_when"), fields);
    }

    [Fact]
    public async Task An_unknown_model_is_404()
    {
        using var client = emulator.Client("replicate");
        var (status, error, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-9/predictions", Body());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("black-forest-labs/flux-2-pro", Http.Str(error!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_versioned_predictions_endpoint_takes_owner_and_name_as_version()
    {
        using var client = emulator.Client("replicate");
        var body = Body();
        body["version"] = "black-forest-labs/flux-2-dev";
        body["input"]!["go_fast"] = false; // a dev-only input

        var (status, created, _) = await Http.PostAsync(client, "v1/predictions", body);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("black-forest-labs/flux-2-dev", Http.Str(created!["model"]));
    }

    [Fact]
    public async Task Cancel_ends_a_running_prediction_as_canceled()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, "replicate");
        var (_, created, _) = await Http.PostAsync(client, Create, Body());

        var (status, canceled, _) = await Http.PostAsync(client, Http.Str(created!["urls"]!["cancel"]), new JsonObject());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("canceled", Http.Str(canceled!["status"]));
        var (_, again, _) = await Http.GetAsync(client, Http.Str(created["urls"]!["get"]));
        Assert.Equal("canceled", Http.Str(again!["status"]));
        Assert.Null(again["output"]);
    }

    [Fact]
    public async Task A_moderated_prediction_fails_with_replicates_sensitive_content_error()
    {
        using var client = emulator.Client("replicate");
        var (_, created, _) = await Http.PostAsync(client, Create, Body(), fault: "moderate", headers: new Dictionary<string, string> { ["Prefer"] = "wait" });

        Assert.Equal("failed", Http.Str(created!["status"]));
        Assert.Contains("(E005)", Http.Str(created["error"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_prediction_carries_the_fault_message()
    {
        using var client = emulator.Client("replicate");
        var (_, created, _) = await Http.PostAsync(client, Create, Body(), fault: "fail;message=CUDA out of memory", headers: new Dictionary<string, string> { ["Prefer"] = "wait" });

        Assert.Equal("failed", Http.Str(created!["status"]));
        Assert.Equal("CUDA out of memory", Http.Str(created["error"]));
    }
}

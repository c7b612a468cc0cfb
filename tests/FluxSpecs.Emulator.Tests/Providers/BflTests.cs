namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>BFL's submit-and-poll API with polling_url.</summary>
public sealed class BflTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Body(string format = "jpeg") => new()
    {
        ["prompt"] = "a watercolor fox",
        ["width"] = 768,
        ["height"] = 512,
        ["output_format"] = format,
        ["seed"] = 42,
    };

    [Fact]
    public async Task A_create_without_x_key_is_401()
    {
        using var client = emulator.Client("bfl", authorized: false);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer test-key-123"); // not BFL's header

        var (status, body, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("x-key", Http.Str(body!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_returns_an_absolute_polling_url_and_the_cost_from_the_card()
    {
        using var client = emulator.Client("bfl");
        var (status, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body());

        Assert.Equal(HttpStatusCode.OK, status);
        var polling = new Uri(Http.Str(created!["polling_url"]));
        Assert.True(polling.IsAbsoluteUri);
        Assert.Equal(emulator.Server.BaseAddress.Authority, polling.Authority);
        Assert.Equal(3.0, created["cost"]!.GetValue<double>()); // 768x512 rounds up to 1 MP: 3 credits for the first MP
        Assert.Equal(1.0, created["output_mp"]!.GetValue<double>());
        Assert.Equal(0.0, created["input_mp"]!.GetValue<double>());
    }

    [Fact]
    public async Task Poll_until_ready_and_download_the_sample()
    {
        using var client = emulator.Client("bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body());

        var done = await Http.PollAsync(client, Http.Str(created!["polling_url"]), r => Http.Str(r["status"]) != "Pending");

        Assert.Equal("Ready", Http.Str(done["status"]));
        Assert.Equal(42, done["result"]!["seed"]!.GetValue<long>());
        Assert.Equal("a watercolor fox", Http.Str(done["result"]!["prompt"]));
        var image = await Http.DownloadAsync(Http.Str(done["result"]!["sample"]), "image/jpeg");
        Assert.Equal(("jpeg", 768, 512), ImageHeader.Read(image));
    }

    [Fact]
    public async Task A_ninth_input_image_and_a_safety_tolerance_above_five_are_422()
    {
        using var client = emulator.Client("bfl");
        var body = Body();
        body["input_image_9"] = "https://example.com/a.png"; // BFL takes input_image … input_image_8
        body["safety_tolerance"] = 6;

        var (status, error, _) = await Http.PostAsync(client, "v1/flux-2-pro", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var details = error!["detail"]!.AsArray().Select(d => (Http.Str(d!["loc"]![1]), Http.Str(d["type"]))).ToList();
        Assert.Contains(("input_image_9", "unknown"), details);
        Assert.Contains(("safety_tolerance", "max"), details);
    }

    [Fact]
    public async Task Indexed_image_fields_are_checked_as_urls_with_the_cards_formats()
    {
        using var client = emulator.Client("bfl");
        var body = Body();
        body["input_image"] = "https://example.com/ref.png";
        body["input_image_2"] = "https://example.com/ref.bmp";

        var (status, error, _) = await Http.PostAsync(client, "v1/flux-2-pro", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Assert.Single(error!["detail"]!.AsArray());
        Assert.Equal("input_image_2", Http.Str(detail!["loc"]![1]));
        Assert.Equal("formats", Http.Str(detail["type"]));
    }

    [Fact]
    public async Task An_unknown_task_id_is_task_not_found()
    {
        using var client = emulator.Client("bfl");
        var (status, body, _) = await Http.GetAsync(client, "v1/get_result?id=00000000-0000-0000-0000-000000000000");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Task not found", Http.Str(body!["status"]));
    }

    [Fact]
    public async Task Moderation_of_the_request_or_the_content_uses_bfls_two_statuses()
    {
        using var client = emulator.Client("bfl");
        var (_, request, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body(), fault: "moderate=request");
        var (_, content, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body(), fault: "moderate");

        var first = await Http.PollAsync(client, Http.Str(request!["polling_url"]), r => Http.Str(r["status"]) != "Pending");
        var second = await Http.PollAsync(client, Http.Str(content!["polling_url"]), r => Http.Str(r["status"]) != "Pending");

        Assert.Equal("Request Moderated", Http.Str(first["status"]));
        Assert.Equal("Content Moderated", Http.Str(second["status"]));
        Assert.Null(second["result"]);
    }

    [Fact]
    public async Task A_failed_task_is_error()
    {
        using var client = emulator.Client("bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body(), fault: "fail");

        var done = await Http.PollAsync(client, Http.Str(created!["polling_url"]), r => Http.Str(r["status"]) != "Pending");

        Assert.Equal("Error", Http.Str(done["status"]));
    }

    [Fact]
    public async Task Flux_2_dev_has_no_bfl_endpoint()
    {
        using var client = emulator.Client("bfl");
        var (status, _, _) = await Http.PostAsync(client, "v1/flux-2-dev", Body());

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task The_emulator_control_api_cancels_a_bfl_task_which_has_no_cancel_call_of_its_own()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, "bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body());

        using var control = TestHttpClients.Plain();
        var response = await control.PostAsync(new Uri(slow.BaseAddress, $"_emulator/jobs/{Http.Str(created!["id"])}/cancel"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (_, polled, _) = await Http.GetAsync(client, Http.Str(created["polling_url"]));
        Assert.Equal("Error", Http.Str(polled!["status"]));
        Assert.Contains("canceled", Http.Str(polled["details"]!["error"]), StringComparison.Ordinal);
    }
}

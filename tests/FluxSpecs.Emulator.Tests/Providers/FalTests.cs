namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>fal's queue: submit, status, result, cancel.</summary>
public sealed class FalTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Body() => new()
    {
        ["prompt"] = "a red bicycle",
        ["image_size"] = new JsonObject { ["width"] = 512, ["height"] = 512 },
        ["output_format"] = "png",
        ["safety_tolerance"] = "2",
        ["seed"] = 3,
    };

    [Fact]
    public async Task A_submit_with_a_bearer_token_instead_of_key_is_401()
    {
        using var client = emulator.Client("fal", authorized: false);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer test-key-123");

        var (status, body, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Key", Http.Str(body!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_status_result_and_download()
    {
        using var client = emulator.Client("fal");
        var (status, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        Assert.Equal(HttpStatusCode.OK, status);
        var id = Http.Str(submitted!["request_id"]);
        Assert.EndsWith($"/fal/fal-ai/flux-2-pro/requests/{id}/status", Http.Str(submitted["status_url"]), StringComparison.Ordinal);

        var done = await Http.PollAsync(client, Http.Str(submitted["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");
        Assert.Null(done["error"]);

        var (resultStatus, result, _) = await Http.GetAsync(client, Http.Str(submitted["response_url"]));
        Assert.Equal(HttpStatusCode.OK, resultStatus);
        var image = result!["images"]![0]!;
        Assert.Equal("image/png", Http.Str(image["content_type"]));
        Assert.Equal(512, image["width"]!.GetValue<int>());
        Assert.Equal(3, result["seed"]!.GetValue<long>());
        Assert.Equal(("png", 512, 512), ImageHeader.Read(await Http.DownloadAsync(Http.Str(image["url"]), "image/png")));
    }

    [Fact]
    public async Task Status_and_result_urls_drop_the_edit_subpath()
    {
        using var client = emulator.Client("fal");
        var body = Body();
        body["image_urls"] = new JsonArray("https://example.com/in.jpg");

        var (status, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro/edit", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("/edit/", Http.Str(submitted!["status_url"]), StringComparison.Ordinal);
        Assert.Contains("/fal/fal-ai/flux-2-pro/requests/", Http.Str(submitted["response_url"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_request_reports_its_queue_position()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, "fal");
        await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        var (_, second, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());

        var (_, status, _) = await Http.GetAsync(client, Http.Str(second!["status_url"]));

        Assert.Equal("IN_QUEUE", Http.Str(status!["status"]));
        Assert.Equal(1, status["queue_position"]!.GetValue<int>());
    }

    [Fact]
    public async Task Safety_tolerance_as_a_number_and_images_on_the_text_to_image_endpoint_are_422()
    {
        using var client = emulator.Client("fal");
        var body = Body();
        body["safety_tolerance"] = 2; // fal's is a string enum "1"–"5"
        body["image_urls"] = new JsonArray("https://example.com/in.jpg"); // only on /edit

        var (status, error, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var details = error!["detail"]!.AsArray().Select(d => (Http.Str(d!["loc"]![1]), Http.Str(d["type"]))).ToList();
        Assert.Contains(("safety_tolerance", "type"), details);
        Assert.Contains(("image_urls", "unsupported"), details);
    }

    [Fact]
    public async Task Num_images_from_the_cards_image_count_yields_that_many_images_and_over_four_is_422()
    {
        using var client = emulator.Client("fal");
        var body = Body();
        body["num_images"] = 3;
        var over = Body();
        over["num_images"] = 5;

        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", body);
        await Http.PollAsync(client, Http.Str(submitted!["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");
        var (_, result, _) = await Http.GetAsync(client, Http.Str(submitted["response_url"]));
        var (status, error, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", over);

        var urls = result!["images"]!.AsArray().Select(i => Http.Str(i!["url"])).ToList();
        Assert.Equal(3, urls.Distinct().Count());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Assert.Single(error!["detail"]!.AsArray());
        Assert.Equal(["body", "num_images"], detail!["loc"]!.AsArray().Select(Http.Str));
        Assert.Equal("max", Http.Str(detail["type"]));
    }

    [Fact]
    public async Task An_image_size_outside_fal_devs_limits_is_422_naming_the_side()
    {
        using var client = emulator.Client("fal");
        var body = new JsonObject { ["prompt"] = "x", ["image_size"] = new JsonObject { ["width"] = 256, ["height"] = 512 } };

        var (status, error, _) = await Http.PostAsync(client, "fal-ai/flux-2", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Assert.Single(error!["detail"]!.AsArray());
        Assert.Equal(["body", "image_size", "width"], detail!["loc"]!.AsArray().Select(Http.Str));
        Assert.Equal("min", Http.Str(detail["type"]));
    }

    [Fact]
    public async Task Cancel_works_only_before_the_request_starts()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { QueueTime = TimeSpan.FromSeconds(30) });
        using var queued = TestHttpClients.For(slow, "fal");
        var (_, pending, _) = await Http.PostAsync(queued, "fal-ai/flux-2-pro", Body());
        var (cancelStatus, canceled, _) = await Http.SendAsync(queued, HttpMethod.Put, Http.Str(pending!["cancel_url"]));
        Assert.Equal(HttpStatusCode.Accepted, cancelStatus);
        Assert.Equal("CANCELLATION_REQUESTED", Http.Str(canceled!["status"]));

        using var client = emulator.Client("fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body());
        await Http.PollAsync(client, Http.Str(submitted!["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");
        var (lateStatus, late, _) = await Http.SendAsync(client, HttpMethod.Put, Http.Str(submitted["cancel_url"]));
        Assert.Equal(HttpStatusCode.BadRequest, lateStatus);
        Assert.Equal("ALREADY_COMPLETED", Http.Str(late!["status"]));
    }

    [Fact]
    public async Task A_moderated_request_completes_with_a_content_policy_error_and_a_422_result()
    {
        using var client = emulator.Client("fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", Body(), fault: "moderate");

        var done = await Http.PollAsync(client, Http.Str(submitted!["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");
        Assert.Equal("content_policy_violation", Http.Str(done["error_type"]));

        var (status, result, _) = await Http.GetAsync(client, Http.Str(submitted["response_url"]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("content_policy_violation", Http.Str(result!["detail"]![0]!["type"]));
    }

    [Fact]
    public async Task Sync_mode_returns_the_image_as_a_data_uri()
    {
        using var client = emulator.Client("fal");
        var body = Body();
        body["sync_mode"] = true;
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", body);
        await Http.PollAsync(client, Http.Str(submitted!["status_url"]), s => Http.Str(s["status"]) == "COMPLETED");

        var (_, result, _) = await Http.GetAsync(client, Http.Str(submitted["response_url"]));

        var url = Http.Str(result!["images"]![0]!["url"]);
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        Assert.Equal(("png", 512, 512), ImageHeader.Read(Convert.FromBase64String(url["data:image/png;base64,".Length..])));
    }
}

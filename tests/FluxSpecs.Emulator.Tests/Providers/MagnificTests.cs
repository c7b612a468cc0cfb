namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>Magnific's (Freepik's) tasks.</summary>
public sealed class MagnificTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Endpoint = "v1/ai/text-to-image/flux-2-pro";

    private static JsonObject Body() => new() { ["prompt"] = "a cat on a windowsill", ["width"] = 1024, ["height"] = 768, ["seed"] = 42 };

    [Fact]
    public async Task A_create_without_the_magnific_key_header_is_401()
    {
        using var client = emulator.Client("magnific", authorized: false);
        var (status, body, _) = await Http.PostAsync(client, Endpoint, Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("x-magnific-api-key", Http.Str(body!["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_poll_complete_and_download_a_generated_image()
    {
        using var client = emulator.Client("magnific");
        var (status, created, _) = await Http.PostAsync(client, Endpoint, Body());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CREATED", Http.Str(created!["data"]!["status"]));
        var id = Http.Str(created["data"]!["task_id"]);

        var done = await Http.PollAsync(client, $"{Endpoint}/{id}", t => Http.Str(t["data"]!["status"]) is "COMPLETED" or "FAILED");
        Assert.Equal("COMPLETED", Http.Str(done["data"]!["status"]));
        // Magnific takes no output_format: the model's default (jpeg) applies.
        var image = await Http.DownloadAsync(Http.Str(done["data"]!["generated"]![0]), "image/jpeg");
        Assert.Equal(("jpeg", 1024, 768), ImageHeader.Read(image));
    }

    [Fact]
    public async Task Without_width_and_height_magnifics_defaults_1024_by_768_apply()
    {
        using var client = emulator.Client("magnific");
        var (_, created, _) = await Http.PostAsync(client, Endpoint, new JsonObject { ["prompt"] = "defaults" });
        var done = await Http.PollAsync(client, $"{Endpoint}/{Http.Str(created!["data"]!["task_id"])}", t => Http.Str(t["data"]!["status"]) == "COMPLETED");

        var image = await Http.DownloadAsync(Http.Str(done["data"]!["generated"]![0]), "image/jpeg");

        Assert.Equal(("jpeg", 1024, 768), ImageHeader.Read(image));
    }

    [Fact]
    public async Task A_width_over_1440_is_freepiks_400_with_invalid_params()
    {
        using var client = emulator.Client("magnific");
        var body = Body();
        body["width"] = 2000;
        body["output_format"] = "png"; // Magnific has no output_format

        var (status, error, _) = await Http.PostAsync(client, Endpoint, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = error!["invalid_params"]!.AsArray().Select(p => Http.Str(p!["field"])).ToList();
        Assert.Equal(["width", "output_format"], fields);
        Assert.Contains("at most 1440", Http.Str(error["invalid_params"]![0]!["reason"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_where_magnific_wants_raw_base64_is_rejected()
    {
        using var client = emulator.Client("magnific");
        var body = Body();
        body["input_image"] = "https://example.com/in.png";

        var (status, error, _) = await Http.PostAsync(client, Endpoint, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("input_image", Http.Str(error!["invalid_params"]![0]!["field"]));
    }

    [Fact]
    public async Task A_failed_task_is_failed_and_the_list_shows_it()
    {
        using var client = emulator.Client("magnific");
        var (_, created, _) = await Http.PostAsync(client, Endpoint, Body(), fault: "fail");
        var id = Http.Str(created!["data"]!["task_id"]);

        var done = await Http.PollAsync(client, $"{Endpoint}/{id}", t => Http.Str(t["data"]!["status"]) is "COMPLETED" or "FAILED");
        Assert.Equal("FAILED", Http.Str(done["data"]!["status"]));
        Assert.Empty(done["data"]!["generated"]!.AsArray());

        var (_, list, _) = await Http.GetAsync(client, Endpoint);
        Assert.Contains(list!["data"]!.AsArray(), t => Http.Str(t!["task_id"]) == id && Http.Str(t["status"]) == "FAILED");
    }
}

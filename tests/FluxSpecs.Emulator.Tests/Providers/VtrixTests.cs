namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>Vtrix's generation tasks (seed 002).</summary>
public sealed class VtrixTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Body() => new()
    {
        ["model"] = "flux_2_pro",
        ["prompt"] = "neon street at night",
        ["width"] = 640,
        ["height"] = 384,
        ["safety_tolerance"] = "3",
        ["output_format"] = "png",
    };

    [Fact]
    public async Task A_create_without_a_bearer_token_is_401_in_vtrixs_error_shape()
    {
        using var client = emulator.Client("vtrix", authorized: false);
        var (status, body, _) = await Http.PostAsync(client, "model/v1/generation", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", Http.Str(body!["error"]!["code"]));
    }

    [Fact]
    public async Task Create_poll_complete_and_download_with_usage_cost()
    {
        using var client = emulator.Client("vtrix");
        var (status, created, _) = await Http.PostAsync(client, "model/v1/generation", Body());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("in_progress", Http.Str(created!["status"]));

        var done = await Http.PollAsync(client, $"model/v1/generation/{Http.Str(created["id"])}", t => Http.Str(t["status"]) != "in_progress");
        Assert.Equal("completed", Http.Str(done["status"]));
        Assert.Equal("0.03", Http.Str(done["usage"]!["cost"])); // a USD string, as Vtrix reports it
        var content = done["output"]![0]!["content"]![0]!;
        Assert.Equal("image", Http.Str(content["type"]));
        Assert.Equal(("png", 640, 384), ImageHeader.Read(await Http.DownloadAsync(Http.Str(content["url"]), "image/png")));
    }

    [Fact]
    public async Task A_width_that_is_not_a_multiple_of_32_is_rejected_because_vtrix_does_not_round()
    {
        using var client = emulator.Client("vtrix");
        var body = Body();
        body["width"] = 1000;

        var (status, error, _) = await Http.PostAsync(client, "model/v1/generation", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("invalid_parameter", Http.Str(error!["error"]!["code"]));
        var detail = Assert.Single(error["error"]!["details"]!.AsArray());
        Assert.Equal("width", Http.Str(detail!["field"]));
        Assert.Equal("multiple_of", Http.Str(detail["rule"]));
    }

    [Fact]
    public async Task Safety_tolerance_as_a_json_number_is_a_type_error_since_vtrix_takes_a_string()
    {
        using var client = emulator.Client("vtrix");
        var body = Body();
        body["safety_tolerance"] = 3;

        var (status, error, _) = await Http.PostAsync(client, "model/v1/generation", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("type", Http.Str(error!["error"]!["details"]![0]!["rule"]));
    }

    [Fact]
    public async Task A_moderated_task_fails_with_an_error_code()
    {
        using var client = emulator.Client("vtrix");
        var (_, created, _) = await Http.PostAsync(client, "model/v1/generation", Body(), fault: "moderate");

        var done = await Http.PollAsync(client, $"model/v1/generation/{Http.Str(created!["id"])}", t => Http.Str(t["status"]) != "in_progress");

        Assert.Equal("failed", Http.Str(done["status"]));
        Assert.Equal("content_moderated", Http.Str(done["error"]!["code"]));
        Assert.Null(done["output"]);
    }
}

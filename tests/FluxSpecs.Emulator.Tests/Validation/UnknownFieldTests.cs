namespace FluxSpecs.Emulator.Tests.Validation;

/// <summary>
/// The requests the Vercel AI SDK's providers send every day carry a field the provider does not know: replicate's
/// <c>input.num_outputs</c> and BFL's <c>aspect_ratio</c> beside width and height (fal's <c>num_images</c> is known: it is
/// fal's field for the card's image count). By default the emulator accepts them as the providers do and lists what it
/// ignored; strict, it refuses them naming the field.
/// </summary>
public sealed class UnknownFieldTests : IAsyncLifetime
{
    private EmulatorServer _lenient = null!;
    private EmulatorServer _strict = null!;

    public async Task InitializeAsync()
    {
        _lenient = await EmulatorServer.StartAsync();
        _strict = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true });
    }

    public async Task DisposeAsync()
    {
        await _lenient.DisposeAsync();
        await _strict.DisposeAsync();
    }

    /// <summary>Each AI SDK provider's request: provider, path, body, the field it adds.</summary>
    public static TheoryData<string, string, string, string> AiSdkRequests() => new()
    {
        { "replicate", "v1/models/black-forest-labs/flux-2-pro/predictions", """{"input": {"prompt": "a fox", "aspect_ratio": "1:1", "num_outputs": 1}}""", "input.num_outputs" },
        { "fal", "fal-ai/flux-2-pro", """{"prompt": "a fox", "image_size": {"width": 512, "height": 512}, "guidance_scale": 3.5}""", "guidance_scale" },
        { "bfl", "v1/flux-2-pro", """{"prompt": "a fox", "width": 512, "height": 512, "aspect_ratio": "1:1"}""", "aspect_ratio" },
    };

    [Theory]
    [MemberData(nameof(AiSdkRequests))]
    public async Task By_default_the_field_is_ignored_and_listed_in_the_header_and_the_job(string provider, string path, string body, string field)
    {
        using var client = TestHttpClients.For(_lenient, provider);

        var (status, created, response) = await Http.PostAsync(client, path, JsonNode.Parse(body)!);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{provider}: {status} {created}");
        Assert.Equal(field, Assert.Single(response.Headers.GetValues("X-Emulator-Ignored-Fields")));
        var job = Assert.Single(_lenient.Jobs.Jobs, j => j.ProviderId == provider);
        using var control = TestHttpClients.Plain();
        var record = JsonNode.Parse(await control.GetStringAsync(new Uri(_lenient.BaseAddress, $"_emulator/jobs/{job.Id}")))!;
        Assert.Equal([field], record["ignored_fields"]!.AsArray().Select(f => Http.Str(f)));
    }

    [Theory]
    [MemberData(nameof(AiSdkRequests))]
    public async Task Strict_refuses_the_same_request_naming_the_field(string provider, string path, string body, string field)
    {
        using var client = TestHttpClients.For(_strict, provider);

        var (status, error, response) = await Http.PostAsync(client, path, JsonNode.Parse(body)!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(response.Headers.Contains("X-Emulator-Ignored-Fields"));
        Assert.Contains($"{field} is not a parameter of flux-2-pro on {provider}", error!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_strict.Jobs.Jobs, j => j.ProviderId == provider);
    }

    [Fact]
    public async Task Strict_refuses_in_each_providers_own_error_shape()
    {
        using var replicate = TestHttpClients.For(_strict, "replicate");
        using var bfl = TestHttpClients.For(_strict, "bfl");

        var (_, replicateError, _) = await Http.PostAsync(replicate, "v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x", ["num_outputs"] = 1 } });
        var (_, bflError, _) = await Http.PostAsync(bfl, "v1/flux-2-pro", new JsonObject { ["prompt"] = "x", ["aspect_ratio"] = "1:1" });

        var invalid = Assert.Single(replicateError!["invalid_fields"]!.AsArray());
        Assert.Equal(("input.num_outputs", "unknown"), (Http.Str(invalid!["field"]), Http.Str(invalid["type"])));
        var detail = Assert.Single(bflError!["detail"]!.AsArray());
        Assert.Equal(["body", "aspect_ratio"], detail!["loc"]!.AsArray().Select(p => Http.Str(p)));
    }

    [Fact]
    public async Task A_known_field_out_of_range_is_refused_by_default_too()
    {
        using var bfl = TestHttpClients.For(_lenient, "bfl");
        using var fal = TestHttpClients.For(_lenient, "fal");

        var (bflStatus, bflError, _) = await Http.PostAsync(bfl, "v1/flux-2-pro", new JsonObject { ["prompt"] = "x", ["safety_tolerance"] = 6, ["aspect_ratio"] = "1:1" });
        var (falStatus, falError, _) = await Http.PostAsync(fal, "fal-ai/flux-2", new JsonObject { ["prompt"] = "x", ["num_images"] = 9 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bflStatus);
        var detail = Assert.Single(bflError!["detail"]!.AsArray()); // the unknown aspect_ratio is not among the errors
        Assert.Equal(("safety_tolerance", "max"), (Http.Str(detail!["loc"]![1]), Http.Str(detail["type"])));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, falStatus);
        Assert.Equal("num_images", Http.Str(Assert.Single(falError!["detail"]!.AsArray())!["loc"]![1]));
    }

    [Fact]
    public async Task Lumenfall_passes_unknown_fields_by_default_and_strict_refuses_them()
    {
        using var lenient = TestHttpClients.For(_lenient, "lumenfall");
        using var strict = TestHttpClients.For(_strict, "lumenfall");
        var body = new JsonObject { ["model"] = "flux.2-pro", ["prompt"] = "x", ["style"] = "vivid" };

        var (lenientStatus, _, response) = await Http.PostAsync(lenient, "openai/v1/images/generations", body.DeepClone());
        var (strictStatus, error, _) = await Http.PostAsync(strict, "openai/v1/images/generations", body.DeepClone());

        Assert.Equal(HttpStatusCode.OK, lenientStatus);
        Assert.Equal("style", Assert.Single(response.Headers.GetValues("X-Emulator-Ignored-Fields")));
        Assert.Equal(HttpStatusCode.BadRequest, strictStatus);
        Assert.Equal("style", Http.Str(error!["error"]!["param"]));
    }
}

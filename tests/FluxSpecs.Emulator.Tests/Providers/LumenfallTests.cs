using System.Net.Http.Headers;
using FluxSpecs.Emulator.Images;

namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>Lumenfall's synchronous OpenAI-compatible image API.</summary>
public sealed class LumenfallTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Generations = "openai/v1/images/generations";

    private static JsonObject Body() => new() { ["model"] = "flux.2-pro", ["prompt"] = "a starry night", ["size"] = "640x480", ["output_format"] = "png" };

    [Fact]
    public async Task A_request_without_a_bearer_token_is_401_in_openai_shape()
    {
        using var client = emulator.Client("lumenfall", authorized: false);
        var (status, body, _) = await Http.PostAsync(client, Generations, Body());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_API_KEY", Http.Str(body!["error"]!["code"]));
        Assert.Equal("authentication_error", Http.Str(body["error"]!["type"]));
    }

    [Fact]
    public async Task Generations_answer_synchronously_with_urls_and_lumenfall_headers()
    {
        using var client = emulator.Client("lumenfall");
        var (status, body, response) = await Http.PostAsync(client, Generations, Body());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body!["created"]!.GetValue<long>() > 0);
        Assert.Equal("flux.2-pro", response.Headers.GetValues("X-Lumenfall-Model").Single());
        Assert.StartsWith("req_", response.Headers.GetValues("X-Lumenfall-Request-Id").Single(), StringComparison.Ordinal);
        Assert.Single(response.Headers.GetValues("X-Lumenfall-Provider"));
        var image = await Http.DownloadAsync(Http.Str(body["data"]![0]!["url"]), "image/png");
        Assert.Equal(("png", 640, 480), ImageHeader.Read(image));
    }

    [Fact]
    public async Task N_images_as_base64_json_differ_by_seed()
    {
        using var client = emulator.Client("lumenfall");
        var body = Body();
        body["n"] = 2;
        body["response_format"] = "b64_json";
        body["output_format"] = "webp";

        var (_, result, _) = await Http.PostAsync(client, Generations, body);

        var images = result!["data"]!.AsArray().Select(d => Convert.FromBase64String(Http.Str(d!["b64_json"]))).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal(("webp", 640, 480), ImageHeader.Read(i)));
        Assert.NotEqual(images[0], images[1]);
    }

    [Fact]
    public async Task N_over_ten_is_400_naming_the_parameter()
    {
        using var client = emulator.Client("lumenfall");
        var body = Body();
        body["n"] = 11;

        var (status, error, _) = await Http.PostAsync(client, Generations, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("n", Http.Str(error!["error"]!["param"]));
        Assert.Equal("max", Http.Str(error["error"]!["details"]![0]!["rule"]));
    }

    [Fact]
    public async Task Edits_take_multipart_image_parts_and_check_their_format()
    {
        using var client = emulator.Client("lumenfall");
        var png = PngEncoder.Encode(ImageRenderer.Render(1, "input", 16, 16));

        using var form = new MultipartFormDataContent
        {
            { new StringContent("flux.2-pro"), "model" },
            { new StringContent("add stars"), "prompt" },
            { new StringContent("256x256"), "size" },
            { new StringContent("png"), "output_format" },
        };
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "image", "source.png");
        using var response = await client.PostAsync("openai/v1/images/edits", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("png", 256, 256), ImageHeader.Read(await Http.DownloadAsync(Http.Str(body["data"]![0]!["url"]), "image/png")));

        using var gif = new MultipartFormDataContent
        {
            { new StringContent("flux.2-pro"), "model" },
            { new StringContent("add stars"), "prompt" },
            { new ByteArrayContent("GIF89a\u0001\u0000\u0001\u0000"u8.ToArray()), "image", "source.gif" },
        };
        using var rejected = await client.PostAsync("openai/v1/images/edits", gif);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var error = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!;
        Assert.Equal("image[0]", Http.Str(error["error"]!["param"]));
        Assert.Equal("formats", Http.Str(error["error"]!["details"]![0]!["rule"]));
    }

    [Fact]
    public async Task Failed_and_moderated_generations_answer_with_lumenfalls_error_codes()
    {
        using var client = emulator.Client("lumenfall");
        var (failedStatus, failed, _) = await Http.PostAsync(client, Generations, Body(), fault: "fail");
        var (moderatedStatus, moderated, _) = await Http.PostAsync(client, Generations, Body(), fault: "moderate");

        Assert.Equal(HttpStatusCode.BadGateway, failedStatus);
        Assert.Equal("ALL_PROVIDERS_EXHAUSTED", Http.Str(failed!["error"]!["code"]));
        Assert.Equal(HttpStatusCode.BadRequest, moderatedStatus);
        Assert.Equal("CONTENT_POLICY_VIOLATION", Http.Str(moderated!["error"]!["code"]));
    }
}

using FluxSpecs.Errors;
using FluxSpecs.Mapping;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Validation;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Base64 images (Magnific's raw base64, BFL's data URIs for local files) are not copied into the payload: they are
/// encoded while the body is sent, a chunk at a time, and the bytes sent are exactly the payload's JSON.
/// </summary>
public sealed class StreamedImageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fluxspecs-streamed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ProviderIds.Magnific, 0)]
    [InlineData(ProviderIds.Magnific, 1)]
    [InlineData(ProviderIds.Magnific, 3 * 16 * 1024)]
    [InlineData(ProviderIds.Magnific, 200_001)]
    [InlineData(ProviderIds.Bfl, 200_002)]
    public async Task The_bytes_sent_are_the_payloads_json_and_its_length_is_announced(string provider, int size)
    {
        var file = Image("a.png", size, 1);
        var bytes = SampleRequests.PngBytes.Concat(new byte[size]).ToArray();
        var request = SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromFile(file), ImageInput.FromBytes(bytes)] };

        var payload = request.CreatePayload(provider);
        using var content = payload.ToHttpContent();
        var sent = await content.ReadAsByteArrayAsync();

        var expected = Convert.ToBase64String(File.ReadAllBytes(file));
        Assert.Contains(provider == ProviderIds.Bfl ? $"\"input_image\":\"data:image/png;base64,{expected}\"" : $"\"input_image\":\"{expected}\"", payload.GetJsonText(), StringComparison.Ordinal);
        Assert.Contains($"\"input_image_2\":\"{(provider == ProviderIds.Bfl ? "data:image/png;base64," : "")}{Convert.ToBase64String(bytes)}\"", payload.GetJsonText(), StringComparison.Ordinal);
        Assert.Equal(payload.Json.ToArray(), sent);
        Assert.Equal(sent.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_payload_holds_the_images_not_their_base64()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromFile(Image("big.png", 1024 * 1024, 2))] };

        var payload = request.CreatePayload(ProviderIds.Magnific);

        Assert.True(payload.JsonWithoutImages.Length < 200, $"{payload.JsonWithoutImages.Length} bytes held");
        Assert.Equal(payload.JsonLength, payload.Json.Length);
    }

    [Fact]
    public void A_missing_file_fails_when_the_payload_is_made()
    {
        var request = SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromFile(Path.Combine(_directory, "missing.png"))] };

        var error = Assert.Throws<RequestValidationException>(() => request.CreatePayload(ProviderIds.Magnific));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("input_images[0]", violation.Parameter);
        Assert.Equal(ViolationRules.Readable, violation.Rule);
        Assert.Contains("does not exist", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_changed_size_after_the_payload_was_made_fails_the_send()
    {
        var file = Image("changing.png", 1000, 3);
        var payload = (SampleRequests.MinimalPro() with { InputImages = [ImageInput.FromFile(file)] }).CreatePayload(ProviderIds.Magnific);
        File.WriteAllBytes(file, new byte[2000]);

        using var content = payload.ToHttpContent();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => content.ReadAsByteArrayAsync());

        Assert.Contains("make the payload again", (error as IOException ?? error.InnerException as IOException)?.Message ?? error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Payloads_made_one_after_another_keep_their_own_bytes()
    {
        var first = SampleRequests.MinimalPro().CreatePayload(ProviderIds.Bfl);
        var firstText = first.GetJsonText();
        var second = (SampleRequests.MinimalPro() with { Prompt = "Something else entirely, and longer than the first prompt" }).CreatePayload(ProviderIds.Bfl);

        Assert.Equal(firstText, first.GetJsonText());
        Assert.Equal("""{"prompt":"A red fox in the snow"}""", firstText);
        Assert.Contains("Something else entirely", second.GetJsonText(), StringComparison.Ordinal);
    }

    private string Image(string name, int size, byte fill)
    {
        var bytes = SampleRequests.PngBytes.Concat(Enumerable.Repeat(fill, size)).ToArray();
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

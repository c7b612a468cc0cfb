using FluxSpecs.Images;

namespace FluxSpecs.OfficialClients.Tests;

/// <summary>OpenAI's official client (npm <c>openai</c>) against the emulator's Lumenfall API (OpenAI-compatible).</summary>
public sealed class OpenAiClientTests(OfficialClientsFixture clients) : IClassFixture<OfficialClientsFixture>
{
    private const string Script = "openai.mjs";

    [Fact]
    public async Task Images_generate_answers_with_an_image_url()
    {
        var result = (await clients.RunAsync(Script, "generate-url")).Result;

        Assert.Equal(1, result["count"]!.GetValue<int>());
        Assert.StartsWith(clients.Quick.BaseAddress.ToString(), result["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result["created"]!.GetValue<long>() > 0);
        DownloadedImage.AssertIs(result["image"], ImageFormat.Jpeg, 1024, 768);
    }

    [Fact]
    public async Task Images_generate_answers_with_base64_when_asked()
    {
        var result = (await clients.RunAsync(Script, "generate-b64")).Result;

        Assert.Null(result["url"]);
        DownloadedImage.AssertIs(result["image"], ImageFormat.Jpeg, 512, 512);
    }

    [Fact]
    public async Task Images_edit_uploads_a_reference_image_and_answers_with_the_edit()
    {
        var result = (await clients.RunAsync(Script, "edit")).Result;

        Assert.Equal(1, result["count"]!.GetValue<int>());
        DownloadedImage.AssertIs(result["image"], ImageFormat.Jpeg, 768, 512);
    }

    [Fact]
    public async Task A_wrong_key_gets_an_AuthenticationError()
    {
        var result = (await clients.RunAsync(Script, "wrong-key")).Result;

        foreach (var call in new[] { "generate", "edit" })
        {
            var error = result[call]!;
            Assert.True(error["status"]?.GetValue<int>() == 401, $"{call}: {error.ToJsonString()}");
            Assert.Equal("AuthenticationError", error["type"]!.GetValue<string>());
            Assert.Equal("authentication_error", error["body"]!["type"]!.GetValue<string>());
        }
    }
}

using FluxSpecs.Images;

namespace FluxSpecs.OfficialClients.Tests;

/// <summary>
/// The Vercel AI SDK's <c>generateImage</c> (npm <c>ai</c>) with <c>@ai-sdk/black-forest-labs</c>, <c>@ai-sdk/fal</c>
/// and <c>@ai-sdk/replicate</c>, each sending its requests the way it always does.
/// </summary>
public sealed class AiSdkTests(OfficialClientsFixture clients) : IClassFixture<OfficialClientsFixture>
{
    private const string Script = "ai-sdk.mjs";

    [Fact]
    public async Task Black_forest_labs_generates_through_the_polling_url()
    {
        var result = (await clients.RunAsync(Script, "bfl")).Result;

        Assert.Equal(1, result["count"]!.GetValue<int>());
        DownloadedImage.AssertIs(result["image"], ImageFormat.Png, 1024, 768);
        await AssertIgnoredAsync("bfl", "aspect_ratio");
        var metadata = result["providerMetadata"]!["blackForestLabs"]!["images"]![0]!;
        Assert.True(metadata["cost"]!.GetValue<double>() > 0, metadata.ToJsonString());
    }

    [Fact]
    public async Task Fal_generates_on_the_synchronous_host()
    {
        var result = (await clients.RunAsync(Script, "fal")).Result;

        Assert.Equal(1, result["count"]!.GetValue<int>());
        DownloadedImage.AssertIs(result["image"], ImageFormat.Png, 1024, 768);

        // The num_images @ai-sdk/fal always sends is fal's field for the card's image_count: known, so nothing is ignored.
        var job = Assert.Single(await OfficialClientsFixture.JobsAsync(clients.Quick), j => j!["provider"]!.GetValue<string>() == "fal")!;
        Assert.Empty(job["ignored_fields"]!.AsArray());
    }

    [Fact]
    public async Task A_strict_emulator_accepts_fals_request_as_it_is_exact()
    {
        var result = (await clients.RunAsync(Script, "fal", emulator: clients.Strict)).Result;

        Assert.Equal(1, result["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Replicate_generates_with_a_held_create()
    {
        var result = (await clients.RunAsync(Script, "replicate")).Result;

        Assert.Equal(1, result["count"]!.GetValue<int>());
        await AssertIgnoredAsync("replicate", "num_outputs");
        var image = result["image"]!;
        var bytes = File.ReadAllBytes(image["file"]!.GetValue<string>());
        Assert.Equal(ImageFormat.Png, ImageFormats.Sniff(bytes));
        var size = ImageDimensions.Read(bytes)!.Value;
        // 4:3 at about one megapixel, in Replicate's 32-pixel steps.
        Assert.Equal(4.0 / 3, (double)size.Width / size.Height, precision: 1);
        Assert.InRange(size.Width * size.Height, 900_000, 1_200_000);
    }

    [Theory]
    [InlineData("bfl", "aspect_ratio")]
    [InlineData("replicate", "num_outputs")]
    public async Task A_strict_emulator_refuses_the_field_the_provider_would_ignore_naming_it(string provider, string field)
    {
        var error = (await clients.RunAsync(Script, provider, emulator: clients.Strict)).Error;

        Assert.True(error["status"]?.GetValue<int>() == 422, error.ToJsonString());
        Assert.Contains(field, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bfl")]
    [InlineData("fal")]
    [InlineData("replicate")]
    public async Task A_wrong_key_gets_the_providers_401(string provider)
    {
        var error = (await clients.RunAsync(Script, provider + "-wrong-key")).Result;

        Assert.True(error["status"]?.GetValue<int>() == 401, error.ToJsonString());
        Assert.Equal("AI_APICallError", error["name"]!.GetValue<string>());
    }

    /// <summary>The emulator accepted the create and reported <paramref name="field"/> as ignored, as a provider ignores it.</summary>
    private async Task AssertIgnoredAsync(string provider, string field)
    {
        var job = Assert.Single(await OfficialClientsFixture.JobsAsync(clients.Quick), j => j!["provider"]!.GetValue<string>() == provider)!;
        var ignored = job["ignored_fields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.Contains(ignored, f => f == field || f.EndsWith("." + field, StringComparison.Ordinal));
    }
}

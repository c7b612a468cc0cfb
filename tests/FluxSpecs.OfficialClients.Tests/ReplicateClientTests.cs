using FluxSpecs.Images;

namespace FluxSpecs.OfficialClients.Tests;

/// <summary>Replicate's official client (npm <c>replicate</c>) against the emulator's Replicate API.</summary>
public sealed class ReplicateClientTests(OfficialClientsFixture clients) : IClassFixture<OfficialClientsFixture>
{
    private const string Script = "replicate.mjs";

    [Fact]
    public async Task Predictions_create_get_and_wait_follow_a_prediction_to_its_image()
    {
        var result = (await clients.RunAsync(Script, "create-get-wait")).Result;

        var id = result["created"]!["id"]!.GetValue<string>();
        Assert.Contains(result["created"]!["status"]!.GetValue<string>(), new[] { "starting", "processing" });
        Assert.Equal(new Uri(clients.Quick.BaseAddress, $"replicate/v1/predictions/{id}").ToString(), result["created"]!["urls"]!["get"]!.GetValue<string>());
        Assert.Equal(id, result["fetched"]!["id"]!.GetValue<string>());
        Assert.Equal(id, result["done"]!["id"]!.GetValue<string>());
        Assert.Equal("succeeded", result["done"]!["status"]!.GetValue<string>());
        DownloadedImage.AssertIs(result["image"], ImageFormat.Png, 1024, 1024);
    }

    [Fact]
    public async Task Run_returns_the_output_of_a_finished_prediction()
    {
        var result = (await clients.RunAsync(Script, "run")).Result;

        Assert.StartsWith(clients.Quick.BaseAddress.ToString(), result["output"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("succeeded", result["updates"]!.AsArray()[^1]!.GetValue<string>());
        DownloadedImage.AssertIs(result["image"], ImageFormat.Png, 1024, 1024);
    }

    [Fact]
    public async Task A_create_that_prefers_to_wait_is_held_until_the_prediction_has_ended()
    {
        var result = (await clients.RunAsync(Script, "held-create")).Result;

        Assert.Equal("succeeded", result["status"]!.GetValue<string>());
        Assert.StartsWith(clients.Quick.BaseAddress.ToString(), result["output"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ends_a_prediction_that_has_not_finished()
    {
        var result = (await clients.RunAsync(Script, "cancel")).Result;

        Assert.Equal("starting", result["created"]!["status"]!.GetValue<string>());
        Assert.Equal("canceled", result["canceled"]!["status"]!.GetValue<string>());
        Assert.Equal("canceled", result["fetched"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_key_gets_Replicates_401_on_every_call()
    {
        var result = (await clients.RunAsync(Script, "wrong-key")).Result;

        foreach (var call in new[] { "create", "run", "get", "cancel" })
        {
            var error = result[call]!;
            Assert.True(error["status"]?.GetValue<int>() == 401, $"{call}: {error.ToJsonString()}");
            Assert.Contains("Unauthenticated", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}

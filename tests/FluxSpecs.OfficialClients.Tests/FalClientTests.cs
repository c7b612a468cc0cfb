using FluxSpecs.Images;

namespace FluxSpecs.OfficialClients.Tests;

/// <summary>
/// fal's official client (npm <c>@fal-ai/client</c>) against the emulator: the queue (queue.fal.run, under
/// <c>/fal/</c>) and the synchronous host (fal.run, under <c>/fal-run/</c>).
/// </summary>
public sealed class FalClientTests(OfficialClientsFixture clients) : IClassFixture<OfficialClientsFixture>
{
    private const string Script = "fal.mjs";
    private static readonly string[] Statuses = ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"];

    [Fact]
    public async Task Queue_submit_status_and_result_follow_a_request_to_its_image()
    {
        var result = (await clients.RunAsync(Script, "queue")).Result;

        var id = result["submitted"]!["request_id"]!.GetValue<string>();
        var requestUrl = new Uri(clients.Quick.BaseAddress, $"fal/fal-ai/flux-2-pro/requests/{id}").ToString();
        Assert.Equal(requestUrl, result["submitted"]!["response_url"]!.GetValue<string>());
        Assert.Equal(requestUrl + "/status", result["submitted"]!["status_url"]!.GetValue<string>());
        Assert.Equal(requestUrl + "/cancel", result["submitted"]!["cancel_url"]!.GetValue<string>());
        var statuses = result["statuses"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.All(statuses, s => Assert.Contains(s, Statuses));
        Assert.Equal("COMPLETED", statuses[^1]);
        Assert.All(result["logs"]!.AsArray(), log =>
        {
            Assert.False(string.IsNullOrEmpty(log!["message"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(log["level"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(log["timestamp"]?.GetValue<string>()));
        });
        Assert.NotEmpty(result["logs"]!.AsArray());

        // The client reads requestId from the result's x-fal-request-id header.
        Assert.Equal(id, result["result"]!["requestId"]!.GetValue<string>());
        AssertImage(result["result"]!["image"]!);
    }

    [Fact]
    public async Task Subscribe_polls_the_status_and_returns_the_result()
    {
        var result = (await clients.RunAsync(Script, "subscribe")).Result;

        AssertSubscribed(result);
    }

    [Fact]
    public async Task Subscribe_in_streaming_mode_reads_the_status_stream_and_returns_the_result()
    {
        var result = (await clients.RunAsync(Script, "subscribe-streaming")).Result;

        AssertSubscribed(result);
    }

    [Fact]
    public async Task Cancel_ends_a_queued_request()
    {
        var result = (await clients.RunAsync(Script, "cancel")).Result;

        Assert.Equal("COMPLETED", result["status"]!.GetValue<string>());
        var error = result["result"]!;
        Assert.Equal("ApiError", error["name"]!.GetValue<string>());
        Assert.InRange(error["status"]!.GetValue<int>(), 400, 499);
    }

    [Fact]
    public async Task Run_calls_the_synchronous_host_and_returns_the_output()
    {
        var result = (await clients.RunAsync(Script, "run")).Result;

        Assert.False(string.IsNullOrEmpty(result["requestId"]!.GetValue<string>()), "fal.run() read no x-fal-request-id header");
        AssertImage(result["image"]!);
    }

    [Fact]
    public async Task A_wrong_key_gets_fals_401_on_the_queue_and_the_synchronous_host()
    {
        var result = (await clients.RunAsync(Script, "wrong-key")).Result;

        foreach (var call in new[] { "submit", "status", "stream", "result", "cancel", "run" })
        {
            var error = result[call]!;
            Assert.True(error["status"]?.GetValue<int>() == 401, $"{call}: {error.ToJsonString()}");
            Assert.Equal("ApiError", error["name"]!.GetValue<string>());
        }
    }

    private static void AssertSubscribed(JsonNode result)
    {
        var id = result["enqueued"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(id));
        var updates = result["updates"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.All(updates, s => Assert.Contains(s, Statuses));
        Assert.Equal("COMPLETED", updates[^1]);
        Assert.Equal(id, result["requestId"]!.GetValue<string>());
        AssertImage(result["image"]!);
    }

    private static void AssertImage(JsonNode image)
    {
        Assert.Equal(1024, image["width"]!.GetValue<int>());
        Assert.Equal(1024, image["height"]!.GetValue<int>());
        DownloadedImage.AssertIs(image, ImageFormat.Png, 1024, 1024);
    }
}

namespace FluxSpecs.Emulator.Tests.Jobs;

/// <summary>Providers without a cancel call of their own are canceled through the emulator's control API.</summary>
public sealed class ControlCancelTests
{
    [Theory]
    [InlineData("vtrix", "model/v1/generation", "model/v1/generation/{0}")]
    [InlineData("magnific", "v1/ai/text-to-image/flux-2-pro", "v1/ai/text-to-image/flux-2-pro/{0}")]
    public async Task A_canceled_job_ends_in_the_providers_failed_state(string provider, string create, string poll)
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, provider);
        var body = new JsonObject { ["prompt"] = "cancel me" };
        if (provider == "vtrix")
        {
            body["model"] = "flux_2_pro";
        }

        var (_, created, _) = await Http.PostAsync(client, create, body);
        var id = Http.Str(created!["id"] ?? created["data"]!["task_id"]);

        using var control = TestHttpClients.Plain();
        using var cancel = await control.PostAsync(new Uri(slow.BaseAddress, $"_emulator/jobs/{id}/cancel"), null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using var again = await control.PostAsync(new Uri(slow.BaseAddress, $"_emulator/jobs/{id}/cancel"), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var (_, polled, _) = await Http.GetAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, poll, id));
        Assert.Equal(provider == "vtrix" ? "failed" : "FAILED", Http.Str(polled!["status"] ?? polled["data"]!["status"]));
        Assert.Equal("Canceled", Http.Str(JsonNode.Parse(await control.GetStringAsync(new Uri(slow.BaseAddress, $"_emulator/jobs/{id}")))!["state"]));
    }
}

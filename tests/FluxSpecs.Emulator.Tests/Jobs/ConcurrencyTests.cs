using FluxSpecs.Emulator.Jobs;

namespace FluxSpecs.Emulator.Tests.Jobs;

/// <summary>The shared job store under parallel calls.</summary>
public sealed class ConcurrencyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Parallel_creates_on_one_key_are_all_counted_and_get_distinct_ids()
    {
        using var client = emulator.Client("fal");
        var key = "parallel-" + Guid.NewGuid();
        var headers = new Dictionary<string, string> { [JobKeys.HeaderName] = key };

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Http.PostAsync(client, "fal-ai/flux-2-pro", new JsonObject { ["prompt"] = $"parallel {i}" }, headers: headers)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(40, results.Select(r => Http.Str(r.Body!["request_id"])).Distinct().Count());
        Assert.Equal(40, emulator.Server.Jobs.CreateCount(key));
        Assert.Equal(40, emulator.Server.Jobs.CreateAttempts(key));
    }

    [Fact]
    public async Task Replicate_python_style_token_auth_is_accepted()
    {
        using var client = emulator.Client("replicate", authorized: false);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token r8_abc");

        var (status, _, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-dev/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x" } });

        Assert.Equal(HttpStatusCode.Created, status);
    }
}

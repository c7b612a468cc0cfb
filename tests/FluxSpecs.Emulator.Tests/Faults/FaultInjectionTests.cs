using System.Diagnostics;
using FluxSpecs.Emulator.Faults;

namespace FluxSpecs.Emulator.Tests.Faults;

/// <summary>Faults chosen per request with the X-Emulator-Fault header, and per run with a fault plan.</summary>
public sealed class FaultInjectionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject BflBody() => new() { ["prompt"] = "faults", ["width"] = 256, ["height"] = 256, ["output_format"] = "png" };

    [Fact]
    public async Task A_429_carries_retry_after_and_the_providers_rate_limit_body()
    {
        using var client = emulator.Client("replicate");
        var body = new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x" } };

        var (status, error, response) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", body, fault: "429;retry-after=2");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("Request was throttled. Your rate limit resets in ~2s.", Http.Str(error!["detail"]));
    }

    [Fact]
    public async Task A_429_on_lumenfall_is_rate_limited_in_its_own_code()
    {
        using var client = emulator.Client("lumenfall");
        var (status, error, response) = await Http.PostAsync(client, "openai/v1/images/generations", new JsonObject { ["model"] = "flux.2-pro", ["prompt"] = "x" }, fault: "429");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMITED", Http.Str(error!["error"]!["code"]));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_rejected_create_makes_no_job_but_counts_as_an_attempt()
    {
        using var client = emulator.Client("bfl");
        var key = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string> { ["X-Emulator-Job-Key"] = key };

        var (status, _, _) = await Http.PostAsync(client, "v1/flux-2-pro", BflBody(), fault: "503", headers: headers);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(0, emulator.Server.Jobs.CreateCount(key));
        Assert.Equal(1, emulator.Server.Jobs.CreateAttempts(key));
    }

    [Theory]
    [InlineData("401", HttpStatusCode.Unauthorized)]
    [InlineData("422", HttpStatusCode.UnprocessableEntity)]
    public async Task A_4xx_fault_refuses_a_create_in_the_providers_shape_and_makes_no_job(string fault, HttpStatusCode expected)
    {
        using var client = emulator.Client("bfl");
        var key = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string> { ["X-Emulator-Job-Key"] = key };

        var (status, error, _) = await Http.PostAsync(client, "v1/flux-2-pro", BflBody(), fault: fault, headers: headers);

        Assert.Equal(expected, status);
        Assert.Contains("injected by the emulator", Http.Str(error!["detail"]), StringComparison.Ordinal);
        Assert.Equal(0, emulator.Server.Jobs.CreateCount(key));
        Assert.Equal(1, emulator.Server.Jobs.CreateAttempts(key));
    }

    [Theory]
    [InlineData("500", HttpStatusCode.InternalServerError)]
    [InlineData("502", HttpStatusCode.BadGateway)]
    [InlineData("503", HttpStatusCode.ServiceUnavailable)]
    public async Task Server_errors_on_a_status_call_use_the_providers_error_shape(string fault, HttpStatusCode expected)
    {
        using var client = emulator.Client("bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", BflBody());

        var (status, error, _) = await Http.GetAsync(client, Http.Str(created!["polling_url"]), fault);

        Assert.Equal(expected, status);
        Assert.Contains("injected by the emulator", Http.Str(error!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_HttpRequestException()
    {
        using var client = emulator.Client("fal");
        var (_, submitted, _) = await Http.PostAsync(client, "fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "x" });

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(client, Http.Str(submitted!["status_url"]), "drop"));
    }

    [Fact]
    public async Task A_dropped_create_still_made_the_job_so_a_blind_retry_would_pay_twice()
    {
        using var client = emulator.Client("magnific");
        var key = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string> { ["X-Emulator-Job-Key"] = key };

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.PostAsync(client, "v1/ai/text-to-image/flux-2-pro", new JsonObject { ["prompt"] = "x" }, "drop", headers));

        Assert.Equal(1, emulator.Server.Jobs.CreateCount(key));
    }

    [Fact]
    public async Task A_garbage_status_answer_is_200_json_that_does_not_parse()
    {
        using var client = emulator.Client("bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", BflBody());
        using var request = new HttpRequestMessage(HttpMethod.Get, Http.Str(created!["polling_url"]));
        request.Headers.Add(Fault.HeaderName, "garbage");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text));
    }

    [Fact]
    public async Task A_garbage_create_answer_comes_after_the_job_was_made()
    {
        using var client = emulator.Client("vtrix");
        var key = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "model/v1/generation")
        {
            Content = new StringContent(new JsonObject { ["model"] = "flux_2_pro", ["prompt"] = "x" }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Fault.HeaderName, "garbage");
        request.Headers.Add("X-Emulator-Job-Key", key);

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text));
        Assert.Equal(1, emulator.Server.Jobs.CreateCount(key));
        Assert.Equal(1, emulator.Server.Jobs.CreateAttempts(key));
    }

    [Fact]
    public async Task A_run_plan_can_answer_garbage_to_downloads()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, Faults = FaultPlan.Parse("download:garbage;times=1") });
        using var client = TestHttpClients.For(server, "replicate");
        var (_, created, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x", ["output_format"] = "png" } }, headers: new Dictionary<string, string> { ["Prefer"] = "wait" });
        using var plain = TestHttpClients.Plain();

        var first = await plain.GetByteArrayAsync(Http.Str(created!["output"]));
        var second = await plain.GetByteArrayAsync(Http.Str(created["output"]));

        Assert.Null(FluxSpecs.Images.ImageFormats.Sniff(first));
        Assert.Equal(FluxSpecs.Images.ImageFormat.Png, FluxSpecs.Images.ImageFormats.Sniff(second));
        Assert.Equal("download:garbage;times=1", server.Runtime.Options.Faults.ToString());
    }

    [Fact]
    public async Task A_slow_fault_delays_the_response()
    {
        using var client = emulator.Client("vtrix");
        var watch = Stopwatch.StartNew();

        var (status, _, _) = await Http.PostAsync(client, "model/v1/generation", new JsonObject { ["model"] = "flux_2_pro", ["prompt"] = "x" }, fault: "slow=300");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_slow_download_is_delayed_and_then_served()
    {
        using var client = emulator.Client("replicate");
        var (_, created, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x", ["output_format"] = "png" } }, headers: new Dictionary<string, string> { ["Prefer"] = "wait" });

        using var plain = TestHttpClients.Plain();
        using var request = new HttpRequestMessage(HttpMethod.Get, Http.Str(created!["output"]));
        request.Headers.Add(Fault.HeaderName, "slow=200");
        var watch = Stopwatch.StartNew();
        using var response = await plain.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 190, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_fault_aimed_at_status_on_a_create_hits_that_jobs_next_status_call_only()
    {
        using var client = emulator.Client("core-today");
        var body = new JsonObject { ["model"] = "black-forest-labs/flux-2-pro", ["input"] = new JsonObject { ["prompt"] = "x" } };
        var (createStatus, created, _) = await Http.PostAsync(client, "v1/predictions", body, fault: "503;on=status;times=2");
        Assert.Equal(HttpStatusCode.Created, createStatus);
        var path = $"v1/predictions/{Http.Str(created!["job_id"])}";

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.GetAsync(client, path)).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.GetAsync(client, path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(client, path)).Status);
    }

    [Fact]
    public async Task A_malformed_fault_header_is_400_naming_the_problem()
    {
        using var client = emulator.Client("bfl");
        var (status, error, _) = await Http.PostAsync(client, "v1/flux-2-pro", BflBody(), fault: "explode");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Unknown fault 'explode'", Http.Str(error!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_plan_makes_every_third_status_call_503()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, Faults = FaultPlan.Parse("status:503;every=3") });
        using var client = TestHttpClients.For(server, "bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", BflBody());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await Http.GetAsync(client, Http.Str(created!["polling_url"]))).Status);
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable],
            statuses);
    }

    [Fact]
    public async Task A_run_plan_can_fail_jobs_of_one_provider_only()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, Faults = FaultPlan.Parse("create:fail;provider=bfl, create:429;retry-after=3;times=1;provider=vtrix") });
        using var bfl = TestHttpClients.For(server, "bfl");
        using var vtrix = TestHttpClients.For(server, "vtrix");

        var (_, created, _) = await Http.PostAsync(bfl, "v1/flux-2-pro", BflBody());
        var done = await Http.PollAsync(bfl, Http.Str(created!["polling_url"]), r => Http.Str(r["status"]) != "Pending");
        Assert.Equal("Error", Http.Str(done["status"]));

        var vtrixBody = new JsonObject { ["model"] = "flux_2_pro", ["prompt"] = "x" };
        var (first, _, response) = await Http.PostAsync(vtrix, "model/v1/generation", vtrixBody);
        var (second, _, _) = await Http.PostAsync(vtrix, "model/v1/generation", vtrixBody);
        Assert.Equal(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, second);
    }
}

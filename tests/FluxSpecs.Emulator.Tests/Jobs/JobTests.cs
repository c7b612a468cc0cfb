using FluxSpecs.Emulator.Jobs;

namespace FluxSpecs.Emulator.Tests.Jobs;

/// <summary>Create counters, deterministic images over HTTP, the clock option and the control API.</summary>
public sealed class JobTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Body(string prompt, long seed) => new() { ["prompt"] = prompt, ["width"] = 128, ["height"] = 96, ["seed"] = seed, ["output_format"] = "png" };

    [Fact]
    public async Task The_create_counter_counts_every_create_of_a_job_key()
    {
        using var client = emulator.Client("bfl");
        var key = "order-" + Guid.NewGuid();
        var headers = new Dictionary<string, string> { [JobKeys.HeaderName] = key };

        await Http.PostAsync(client, "v1/flux-2-pro", Body("count me", 1), headers: headers);
        Assert.Equal(1, emulator.Server.Jobs.CreateCount(key));
        await Http.PostAsync(client, "v1/flux-2-pro", Body("count me", 1), headers: headers);
        Assert.Equal(2, emulator.Server.Jobs.CreateCount(key));

        using var control = TestHttpClients.Plain();
        var counts = JsonNode.Parse(await control.GetStringAsync(new Uri(emulator.Server.BaseAddress, "_emulator/creates")))!;
        Assert.Equal(2, counts[key]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_key_header_identical_bodies_share_a_key()
    {
        using var client = emulator.Client("vtrix");
        var body = new JsonObject { ["model"] = "flux_2_pro", ["prompt"] = "same body " + Guid.NewGuid() };

        await Http.PostAsync(client, "model/v1/generation", body);
        await Http.PostAsync(client, "model/v1/generation", body);

        var key = JobKeys.FromBody("vtrix", "/vtrix/model/v1/generation", Encoding.UTF8.GetBytes(body.ToJsonString()));
        Assert.Equal(2, emulator.Server.Jobs.CreateCount(key));
    }

    [Fact]
    public async Task The_same_seed_and_prompt_download_the_same_bytes_and_another_seed_does_not()
    {
        using var client = emulator.Client("bfl");
        async Task<byte[]> GenerateAsync(long seed)
        {
            var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body("deterministic", seed));
            var done = await Http.PollAsync(client, Http.Str(created!["polling_url"]), r => Http.Str(r["status"]) == "Ready");
            return await Http.DownloadAsync(Http.Str(done["result"]!["sample"]), "image/png");
        }

        var first = await GenerateAsync(11);
        var second = await GenerateAsync(11);
        var other = await GenerateAsync(12);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Job_states_follow_the_configured_clock()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, Clock = clock, QueueTime = TimeSpan.FromMinutes(1), RunTime = TimeSpan.FromMinutes(2) });
        using var client = TestHttpClients.For(server, "replicate");
        var (_, created, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "clock" } });
        var get = Http.Str(created!["urls"]!["get"]);
        Assert.Equal("starting", Http.Str(created["status"]));

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("processing", Http.Str((await Http.GetAsync(client, get)).Body!["status"]));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("succeeded", Http.Str((await Http.GetAsync(client, get)).Body!["status"]));
    }

    [Fact]
    public async Task A_configured_key_is_the_only_key_accepted()
    {
        var options = new EmulatorOptions { Strict = true };
        options.ApiKeys["bfl"] = "the-right-key";
        await using var server = await EmulatorServer.StartAsync(options);

        using var wrong = TestHttpClients.For(server, "bfl", key: "another-key");
        using var right = TestHttpClients.For(server, "bfl", key: "the-right-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.PostAsync(wrong, "v1/flux-2-pro", Body("k", 1))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(right, "v1/flux-2-pro", Body("k", 1))).Status);
    }

    [Fact]
    public async Task Downloads_of_unfinished_or_unknown_images_are_404()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, QueueTime = TimeSpan.FromSeconds(30) });
        using var client = TestHttpClients.For(slow, "bfl");
        var (_, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", Body("not yet", 1));
        var job = slow.Jobs.Find(Http.Str(created!["id"]))!;
        var file = slow.Runtime.Files.Find(job.FileIds[0])!;

        using var plain = TestHttpClients.Plain();
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync(file.UrlOn(slow.BaseAddress))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync(new Uri(slow.BaseAddress, "files/nothing.png"))).StatusCode);
    }

    [Fact]
    public async Task The_index_lists_every_provider_base_url()
    {
        using var plain = TestHttpClients.Plain();
        var index = JsonNode.Parse(await plain.GetStringAsync(emulator.Server.BaseAddress))!;

        foreach (var id in EmulatorEndpointExtensions.ProviderIdsServed)
        {
            Assert.Equal(emulator.Server.ProviderBaseUrl(id).ToString(), Http.Str(index["providers"]![id]));
        }
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    [Fact]
    public async Task A_clock_that_passes_the_deadline_between_two_readings_still_finishes_the_job()
    {
        // Regression (found by the fault soak): the job runner read the clock twice per turn, and when it moved past the
        // deadline in between, Task.Delay got a negative delay and threw; the job never finished, Prefer: wait hung to
        // its limit, and the exception went unobserved. This clock makes that happen every time: each reading moves it
        // on 4 ms, and short timers fire 6 ms early.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Strict = true,
            Clock = new HurriedClock(),
            QueueTime = TimeSpan.FromMilliseconds(100),
            RunTime = TimeSpan.FromMilliseconds(100),
            MaxWait = TimeSpan.FromSeconds(3),
        });
        using var client = TestHttpClients.For(server, "replicate");

        var (_, prediction, _) = await Http.PostAsync(client, "v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x" } }, headers: new Dictionary<string, string> { ["Prefer"] = "wait" });

        Assert.Empty(server.Runtime.BackgroundErrors);
        Assert.Equal("succeeded", Http.Str(prediction!["status"]));
    }

    /// <summary>
    /// A clock that moves 4 ms at every reading, whose timers shorter than a second fire at once, 6 ms before they are due
    /// (as a loaded machine's do, late to read the clock and early to wake); longer ones are real.
    /// </summary>
    private sealed class HurriedClock : TimeProvider
    {
        private readonly object _gate = new();
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now += TimeSpan.FromMilliseconds(4);
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime >= TimeSpan.FromSeconds(1) || dueTime == Timeout.InfiniteTimeSpan)
            {
                return System.CreateTimer(callback, state, dueTime, period);
            }

            lock (_gate)
            {
                _now += TimeSpan.FromTicks(Math.Max(0, (dueTime - TimeSpan.FromMilliseconds(6)).Ticks));
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

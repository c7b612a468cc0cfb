using FluxSpecs.Errors;
using System.Diagnostics;
using FluxSpecs.Clients;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.Integration.Tests.Clients;

public sealed class SecretsAndTelemetryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Key = "sk-live-DO-NOT-LEAK-4242";

    [Fact]
    public async Task No_log_line_exception_or_span_shows_the_key_on_any_provider_path()
    {
        await using var providers = await EmulatedProviders.StartAsync("status:503;times=1");
        var capture = new CapturingLoggerProvider();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        var tags = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = Listen(activity =>
        {
            foreach (var tag in activity.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(activity.DisplayName))
            {
                tags.Enqueue(tag);
            }
        });
        var options = ClientFixture.Options(providers, Key);
        using var client = new FluxSpecsClient(options, logging);
        var texts = new List<string>();

        foreach (var providerId in ProviderRegistry.Ids)
        {
            var job = await client.GenerateAsync(new Flux2ProRequest { Prompt = "x" }, providerId);
            texts.Add(job.Id);
            texts.Add(job.State.ToString());
            texts.Add(options.For(providerId).ToString());
        }

        providers.Server.Runtime.Options.ApiKeys["bfl"] = "another-key";
        var rejected = await Assert.ThrowsAnyAsync<Exception>(() => client.GenerateAsync(new Flux2ProRequest { Prompt = "x" }, "bfl"));
        texts.Add(rejected.ToString());

        Assert.NotEmpty(capture.Lines);
        Assert.NotEmpty(tags);
        Assert.All(capture.Lines.Concat(tags).Concat(texts), text => Assert.DoesNotContain(Key, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_key_or_webhook_secret_shows_on_any_path_of_any_provider_with_faults_on_every_call()
    {
        // Every provider has its own key, which the emulator checks; every kind of call is faulted some of the time;
        // every outcome (success, each typed failure) is turned into text. None of it may contain a key or a secret.
        var keys = ProviderRegistry.Ids.ToDictionary(id => id, id => $"sk-live-{id}-{Guid.NewGuid():N}");
        const string WebhookSecret = "whsec-DO-NOT-LEAK-9931";
        var faults = "create:fail;every=5, create:moderate;every=7, create:drop;every=9, create:garbage;every=11, create:503;every=13, create:429;every=17, "
            + "status:503;every=3, status:garbage;every=4, status:drop;every=5, status:429;every=7, result:502;every=3, result:garbage;every=5, "
            + "cancel:503;every=2, download:503;every=3, download:drop;every=4";
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync(faults, clock: clock);
        foreach (var (id, key) in keys)
        {
            providers.Server.Runtime.Options.ApiKeys[id] = key;
        }

        var capture = new CapturingLoggerProvider();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        var spans = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = Listen(activity => spans.Enqueue(string.Join(
            " ",
            activity.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
                .Append(activity.DisplayName)
                .Append(activity.StatusDescription ?? ""))));
        var options = ClientFixture.Options(providers, clock: clock);
        foreach (var (id, key) in keys)
        {
            options.Providers[id].ApiKey = key;
        }

        using var client = new FluxSpecsClient(options, logging);
        var texts = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);

        // The faults' Retry-After and backoff waits pass on the fake clock, in a fraction of real time.
        await clock.RunAsync(async () =>
        {
            foreach (var providerId in ProviderRegistry.Ids)
            {
                texts.Add(options.For(providerId).ToString()!);
                texts.Add(client.Protocol(providerId).ToString()!);
                for (var i = 0; i < 6; i++)
                {
                    var request = new Flux2ProRequest { Prompt = $"secret test {providerId} {i}", Bfl = providerId == "bfl" ? new Flux2ProBflOptions { WebhookSecret = WebhookSecret } : null };
                    texts.Add(request.ToString());
                    texts.Add(request.CreatePayload(providerId).ToString());
                    try
                    {
                        var job = i % 3 == 1 ? await client.StartAsync(request, providerId) : await client.GenerateAsync(request, providerId);
                        texts.Add(job.Id);
                        // Re-attach (not Lumenfall's: it answers synchronously, there is nothing to re-attach to).
                        if (i % 3 == 1 && providerId != ProviderIds.Lumenfall)
                        {
                            var again = client.Attach(job.Id);
                            if (client.Protocol(providerId).SupportsCancel && !again.HasCompleted)
                            {
                                texts.Add((await again.CancelAsync()).ToString());
                            }

                            texts.Add((await again.WaitForCompletionAsync()).ToString());
                            again.EnsureSucceeded();
                            job = again;
                        }

                        texts.Add(job.State.ToString());
                        texts.Add(string.Join(" ", job.State.Outputs));
                        texts.Add(job.Cost?.ToString() ?? "");
                        texts.Add((await job.DownloadAsync()).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        outcomes["succeeded"] = outcomes.GetValueOrDefault("succeeded") + 1;
                    }
                    catch (FluxSpecs.Errors.FluxSpecsException e)
                    {
                        texts.Add(e.ToString());
                        texts.Add(e is FluxSpecs.Errors.JobEndedException ended ? ended.State.ToString() : "");
                        outcomes[e.GetType().Name] = outcomes.GetValueOrDefault(e.GetType().Name) + 1;
                    }
                }
            }
        });

        // A wrong key: the provider's refusal, as the caller and the logs see it.
        providers.Server.Runtime.Options.ApiKeys["bfl"] = "another-key";
        texts.Add((await Assert.ThrowsAnyAsync<ProviderException>(() => client.StartAsync(new Flux2ProRequest { Prompt = "x" }, "bfl"))).ToString());

        Assert.Contains("succeeded", outcomes.Keys);
        Assert.True(outcomes.Count >= 3, string.Join(", ", outcomes));
        var everything = capture.Lines.Concat(spans).Concat(texts).ToList();
        Assert.True(capture.Lines.Count > 100 && spans.Count > 50, $"{capture.Lines.Count} log lines, {spans.Count} spans");
        var hits = keys.Values.Append(WebhookSecret).Sum(secret => everything.Count(text => text.Contains(secret, StringComparison.Ordinal)));
        var summary = $"secrets: {keys.Count + 1} ({keys.Count} provider keys, 1 webhook secret); scanned {capture.Lines.Count} log lines (Trace, with structured values and exceptions), "
            + $"{spans.Count} spans (tags, events, status), {texts.Count} texts (exception ToString, job ids, states, options, payload and request ToString); "
            + $"outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}; hits: {hits}";
        output.WriteLine(summary);
        var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", ".artifacts", "secrets");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "secrets-scan.md"), summary + "\n");
        Assert.Equal(0, hits);
    }

    [Fact]
    public async Task Each_job_and_each_http_attempt_is_a_span_with_gen_ai_tags()
    {
        var mine = await SpansOfAsync(new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 768, Height = 512 }, "bfl");

        var create = Assert.Single(mine, a => a.DisplayName == "fluxspecs.job.create flux-2-pro");
        Assert.Equal("bfl", create.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("flux-2-pro", create.GetTagItem("gen_ai.request.model"));
        Assert.Equal(768, create.GetTagItem("gen_ai.request.image.width"));
        Assert.Contains(mine, a => a.DisplayName == "fluxspecs.http create");
        Assert.Contains(mine, a => a.DisplayName == "fluxspecs.http status");
        Assert.Contains(mine, a => a.DisplayName == "fluxspecs.job.wait");
    }

    [Fact]
    public async Task The_create_span_carries_the_output_size_also_on_a_provider_without_a_published_price()
    {
        var mine = await SpansOfAsync(new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Landscape16x9 }, "vtrix");

        var create = Assert.Single(mine, a => a.DisplayName == "fluxspecs.job.create flux-2-pro");
        Assert.Equal(1344, create.GetTagItem("gen_ai.request.image.width"));
        Assert.Equal(768, create.GetTagItem("gen_ai.request.image.height"));
    }

    /// <summary>The spans of generating <paramref name="request"/> on the emulator, and only those.</summary>
    private static async Task<List<Activity>> SpansOfAsync(Flux2ProRequest request, string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var activities = new List<Activity>();
        using var listener = Listen(activity =>
        {
            lock (activities)
            {
                activities.Add(activity);
            }
        });
        using var client = ClientFixture.Client(providers);

        // Listeners are process-wide and tests run in parallel: keep to this test's trace.
        using var root = new Activity("test").Start();
        await client.GenerateAsync(request, providerId);
        root.Stop();
        lock (activities)
        {
            return [.. activities.Where(a => a.TraceId == root.TraceId)];
        }
    }

    [Fact]
    public async Task A_service_registered_with_AddFluxSpecs_and_configuration_generates()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FluxSpecs:AllowLoopbackHttp"] = "true",
            ["FluxSpecs:Polling:MinInterval"] = "00:00:00.010",
            ["FluxSpecs:Polling:TypicalRunTime"] = "00:00:00.050",
            ["FluxSpecs:Providers:fal:ApiKey"] = "from-configuration",
            ["FluxSpecs:Providers:fal:BaseUrl"] = providers.Server.ProviderBaseUrl("fal").ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddFluxSpecs(configuration.GetSection("FluxSpecs"));
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<FluxSpecsClient>();

        var job = await client.GenerateAsync(new Flux2ProRequest { Prompt = "x" }, "fal");

        Assert.Same(client, container.GetRequiredService<FluxSpecsClient>());
        Assert.Equal("from-configuration", client.Options.Providers["fal"].ApiKey);
        Assert.NotEmpty(await job.DownloadAsync());
    }

    private static ActivityListener Listen(Action<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

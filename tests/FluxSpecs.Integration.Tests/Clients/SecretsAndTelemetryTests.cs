using System.Diagnostics;
using FluxSpecs.Clients;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.Integration.Tests.Clients;

public sealed class SecretsAndTelemetryTests
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

        foreach (var providerId in ProviderProtocols.ProviderIds)
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
    public async Task Each_job_and_each_http_attempt_is_a_span_with_gen_ai_tags()
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
        await client.GenerateAsync(new Flux2ProRequest { Prompt = "x", AspectRatio = AspectRatio.Custom, Width = 768, Height = 512 }, "bfl");
        root.Stop();
        List<Activity> mine;
        lock (activities)
        {
            mine = [.. activities.Where(a => a.TraceId == root.TraceId)];
        }

        var create = Assert.Single(mine, a => a.DisplayName == "fluxspecs.job.create flux-2-pro");
        Assert.Equal("bfl", create.GetTagItem("gen_ai.system"));
        Assert.Equal("flux-2-pro", create.GetTagItem("gen_ai.request.model"));
        Assert.Equal(768, create.GetTagItem("gen_ai.request.image.width"));
        Assert.Contains(mine, a => a.DisplayName == "fluxspecs.http create");
        Assert.Contains(mine, a => a.DisplayName == "fluxspecs.http status");
        Assert.Contains(mine, a => a.DisplayName == "fluxspecs.job.wait");
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

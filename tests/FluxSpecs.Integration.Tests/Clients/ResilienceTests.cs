using FluxSpecs.Errors;
using FluxSpecs.Clients;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>Reads recover from throttling and server errors; creates are never repeated.</summary>
public sealed class ResilienceTests
{
    private static readonly Flux2ProRequest Request = new() { Prompt = "x" };

    public static TheoryData<string> PollingProviders() => ["replicate", "core-today", "bfl", "vtrix", "fal", "magnific"];

    [Theory]
    [MemberData(nameof(PollingProviders))]
    public async Task Server_errors_on_status_reads_are_retried_until_the_job_is_seen_done(string providerId)
    {
        // fal's status stream is refused, so that fal polls (and meets the faults) too.
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync("status:503;times=2, stream:503", clock: clock);
        using var client = ClientFixture.Client(providers, clock: clock);

        var job = await clock.RunAsync(() => client.GenerateAsync(Request, providerId));

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
    }

    public static TheoryData<string, string> CreateFaultsOnEveryProvider()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderRegistry.Ids)
        {
            foreach (var fault in new[] { "create:503", "create:429;retry-after=1", "create:drop" })
            {
                data.Add(provider, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PollingProviders))]
    public async Task A_throttled_read_waits_for_retry_after(string providerId)
    {
        // fal's status stream is refused, so that fal polls (and meets the 429) too.
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync("status:429;retry-after=1;times=1, stream:503", clock: clock);
        var log = new CapturingLoggerProvider(clock);
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
        using var client = ClientFixture.Client(providers, logging, clock);
        var job = await clock.RunAsync(() => client.StartAsync(Request, providerId));

        await clock.RunAsync(() => job.WaitForCompletionAsync());

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.InRange(WaitAfterThrottling(log), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_maximum_delay_waits_the_maximum_delay()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync("status:429;retry-after=30;times=1", clock: clock);
        var log = new CapturingLoggerProvider(clock);
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
        var options = ClientFixture.Options(providers, clock: clock);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        using var client = new FluxSpecsClient(options, logging);

        var job = await clock.RunAsync(() => client.GenerateAsync(Request, "bfl"));

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.InRange(WaitAfterThrottling(log), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task A_clock_registered_with_dependency_injection_is_the_clients_clock()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync();
        var fixture = ClientFixture.Options(providers);
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddFluxSpecs(options =>
        {
            options.AllowLoopbackHttp = true;
            options.Polling = fixture.Polling;
            options.Providers["bfl"] = fixture.Providers["bfl"];
        });
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<FluxSpecsClient>();
        var job = await clock.RunAsync(() => client.StartAsync(Request, "bfl"));

        // The emulator's job ends within milliseconds of real time; the client's first poll waits for the fake clock.
        var waiting = job.WaitForCompletionAsync();
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await clock.RunAsync(() => waiting);

        Assert.Same(clock, client.Options.TimeProvider);
        Assert.Equal(JobStatus.Succeeded, job.State.Status);
    }

    /// <summary>How long the client waited after the 429, from the answer to the next attempt, on the test's clock.</summary>
    private static TimeSpan WaitAfterThrottling(CapturingLoggerProvider log)
    {
        var entries = log.Entries.ToList();
        var throttled = entries.FindIndex(e => e.Event == "Received" && e.Message.EndsWith("HTTP 429", StringComparison.Ordinal));
        Assert.True(throttled >= 0, "no 429 was logged");
        var next = entries.FindIndex(throttled, e => e.Event == "Sending");
        Assert.True(next > throttled, "the throttled read was not retried");
        return entries[next].Time - entries[throttled].Time;
    }

    [Fact]
    public async Task Dropped_connections_on_downloads_are_retried()
    {
        var clock = new SteppingClock();
        await using var providers = await EmulatedProviders.StartAsync("download:drop;times=2", clock: clock);
        using var client = ClientFixture.Client(providers, clock: clock);
        var job = await clock.RunAsync(() => client.GenerateAsync(Request, "replicate"));

        var bytes = await clock.RunAsync(() => job.DownloadAsync());

        Assert.NotNull(ImageFormats.Sniff(bytes));
    }

    [Theory]
    [MemberData(nameof(CreateFaultsOnEveryProvider))]
    public async Task A_failed_create_is_not_retried_and_says_whether_a_job_may_exist(string providerId, string fault)
    {
        await using var providers = await EmulatedProviders.StartAsync(fault);
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAnyAsync<ProviderException>(() => client.StartAsync(Request, providerId));

        Assert.Equal(1, providers.Server.Jobs.TotalCreateAttempts);
        Assert.Equal(fault.Contains("429", StringComparison.Ordinal) ? false : true, exception.JobMayExist);
        Assert.Equal(exception.JobMayExist, exception.MayHaveCharged);
    }

    [Fact]
    public async Task A_dropped_create_is_a_transport_error_and_the_one_job_it_made_is_the_only_one()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:drop");
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<ProviderTransportException>(() => client.StartAsync(Request, "bfl"));

        Assert.Contains("A job may have been created (and billed)", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
    }

    [Fact]
    public async Task A_provider_can_have_its_own_retries_bound_from_configuration()
    {
        // Every provider's first status read fails; the client retries, but bfl is configured not to.
        await using var providers = await EmulatedProviders.StartAsync("status:503;times=1;provider=bfl, status:503;times=1;provider=replicate");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FluxSpecs:Retry:BaseDelay"] = "00:00:00.020",
            ["FluxSpecs:Providers:bfl:Retry:MaxRetries"] = "0",
        }).Build();
        var options = ClientFixture.Options(providers);
        configuration.GetSection("FluxSpecs").Bind(options);
        using var client = new FluxSpecsClient(options);

        var bfl = await client.StartAsync(Request, "bfl");
        var refused = await Assert.ThrowsAsync<ProviderException>(() => bfl.WaitForCompletionAsync());
        var replicate = await client.GenerateAsync(Request, "replicate");

        Assert.Equal(0, options.Providers["bfl"].Retry!.MaxRetries);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(JobStatus.Succeeded, replicate.State.Status);
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_retries_with_the_providers_error()
    {
        await using var providers = await EmulatedProviders.StartAsync("status:502");
        var options = ClientFixture.Options(providers);
        options.Retry.MaxRetries = 2;
        using var client = new FluxSpecsClient(options);
        var job = await client.StartAsync(Request, "bfl");

        var exception = await Assert.ThrowsAsync<ProviderException>(() => job.WaitForCompletionAsync());

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.Equal("status", exception.Operation);
    }
}

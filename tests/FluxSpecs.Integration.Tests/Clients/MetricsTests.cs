using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>
/// The meter is process-wide, and other test classes run jobs on the same providers and models; this collection runs
/// alone so that what the collectors see is this test's jobs only.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "FluxSpecs meter";
}

/// <summary>The FluxSpecs meter, read while real jobs run against the emulator: outcomes, durations, requests, retries, costs.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    private const string Model = "flux-2-pro";
    private const string Prompt = "metrics-test-prompt-a-lighthouse";

    private static readonly HashSet<string> AllowedTags =
    [
        "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model", "error.type", "fluxspecs.job.status", "fluxspecs.http.operation",
    ];

    [Fact]
    public async Task A_succeeded_job_with_a_throttled_status_read_is_counted_timed_retried_and_costed()
    {
        await using var providers = await EmulatedProviders.StartAsync("status:429;retry-after=1;times=1;provider=bfl");
        using var client = ClientFixture.Client(providers);
        using var meter = new Instruments();
        var request = new Flux2ProRequest { Prompt = Prompt };
        var estimate = client.EstimatePrice(request, ProviderIds.Bfl);

        var job = await client.GenerateAsync(request, ProviderIds.Bfl);

        var ended = Assert.Single(meter.Jobs.GetMeasurementSnapshot());
        Assert.Equal(1, ended.Value);
        AssertTags(ended, ("gen_ai.provider.name", "bfl"), ("gen_ai.request.model", Model), ("fluxspecs.job.status", "succeeded"));
        var operation = Assert.Single(meter.OperationDuration.GetMeasurementSnapshot());
        AssertTags(operation, ("gen_ai.operation.name", "generate_content"), ("gen_ai.provider.name", "bfl"), ("gen_ai.request.model", Model));
        Assert.False(operation.Tags.ContainsKey("error.type"));
        Assert.InRange(operation.Value, 0.9, 30); // the 429 asked for a one-second wait before the status read was repeated
        Assert.InRange(Assert.Single(meter.JobDuration.GetMeasurementSnapshot()).Value, 0.9, operation.Value);

        var retry = Assert.Single(meter.Retries.GetMeasurementSnapshot());
        Assert.Equal(1, retry.Value);
        AssertTags(retry, ("gen_ai.provider.name", "bfl"), ("fluxspecs.http.operation", "status"));
        Assert.InRange(Assert.Single(meter.StatusRequests.GetMeasurementSnapshot()).Value, 1, 100);

        // BFL reports credits; at the card's credit value they come to the estimate.
        Assert.Equal("credits", job.State.ActualCost?.Unit);
        Assert.Equal((double)estimate.AmountUsd!.Value, Assert.Single(meter.EstimatedCost.GetMeasurementSnapshot()).Value);
        Assert.Equal((double)job.Cost!.ActualUsd!.Value, Assert.Single(meter.ReportedCost.GetMeasurementSnapshot()).Value);
        Assert.True(estimate.AmountUsd > 0);
        meter.AssertBoundedAndSecretFree(job.State.Handle.JobId);
    }

    [Theory]
    [InlineData("fal", "create:fail;provider=fal", "failed")]
    [InlineData("bfl", "create:moderate;provider=bfl", "moderated")]
    [InlineData("replicate", "create:moderate;provider=replicate", "moderated")]
    public async Task A_failed_or_moderated_job_is_counted_by_its_status_and_its_operation_carries_the_error_type(string providerId, string fault, string status)
    {
        await using var providers = await EmulatedProviders.StartAsync(fault);
        using var client = ClientFixture.Client(providers);
        using var meter = new Instruments();

        var error = await Assert.ThrowsAnyAsync<JobEndedException>(() => client.GenerateAsync(new Flux2ProRequest { Prompt = Prompt }, providerId));

        AssertTags(Assert.Single(meter.Jobs.GetMeasurementSnapshot()), ("gen_ai.provider.name", providerId), ("fluxspecs.job.status", status));
        AssertTags(Assert.Single(meter.JobDuration.GetMeasurementSnapshot()), ("gen_ai.provider.name", providerId), ("fluxspecs.job.status", status));
        AssertTags(Assert.Single(meter.OperationDuration.GetMeasurementSnapshot()), ("gen_ai.provider.name", providerId), ("error.type", status));
        Assert.Empty(meter.Retries.GetMeasurementSnapshot());
        meter.AssertBoundedAndSecretFree(error.State.Handle.JobId);
    }

    [Fact]
    public async Task A_refused_create_ends_the_operation_with_the_exception_type_and_no_job_is_counted()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:503;provider=bfl");
        using var client = ClientFixture.Client(providers);
        using var meter = new Instruments();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => client.StartAsync(new Flux2ProRequest { Prompt = Prompt }, ProviderIds.Bfl));

        AssertTags(Assert.Single(meter.OperationDuration.GetMeasurementSnapshot()), ("gen_ai.provider.name", "bfl"), ("error.type", error.GetType().FullName!));
        Assert.Empty(meter.Jobs.GetMeasurementSnapshot());
        Assert.Empty(meter.Retries.GetMeasurementSnapshot()); // a create is never retried
    }

    [Fact]
    public async Task A_wait_that_times_out_ends_the_operation_once_and_the_job_is_counted_when_it_ends_later()
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromMilliseconds(600));
        var options = ClientFixture.Options(providers);
        options.Polling.Timeout = TimeSpan.FromMilliseconds(100);
        using var client = new FluxSpecsClient(options);
        using var meter = new Instruments();
        var job = await client.StartAsync(new Flux2ProRequest { Prompt = Prompt }, ProviderIds.Fal);

        await Assert.ThrowsAsync<JobTimeoutException>(() => job.WaitForCompletionAsync());
        var timedOut = Assert.Single(meter.OperationDuration.GetMeasurementSnapshot());
        Assert.Empty(meter.Jobs.GetMeasurementSnapshot());
        while (!job.HasCompleted)
        {
            await Task.Delay(50);
            await job.UpdateStatusAsync();
        }

        AssertTags(timedOut, ("error.type", typeof(JobTimeoutException).FullName!));
        Assert.Single(meter.OperationDuration.GetMeasurementSnapshot());
        AssertTags(Assert.Single(meter.Jobs.GetMeasurementSnapshot()), ("gen_ai.provider.name", "fal"), ("fluxspecs.job.status", "succeeded"));
        Assert.True(Assert.Single(meter.StatusRequests.GetMeasurementSnapshot()).Value >= 2);
    }

    [Theory]
    [InlineData("vtrix", false, true)] // reports dollars; its card has no price to estimate with
    [InlineData("fal", true, false)] // priced by the card; reports no cost
    public async Task Estimated_and_reported_cost_are_recorded_where_each_is_known(string providerId, bool estimated, bool reported)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        using var meter = new Instruments();

        var job = await client.GenerateAsync(new Flux2ProRequest { Prompt = Prompt }, providerId);

        Assert.Equal(estimated, job.Estimate is not null);
        Assert.Equal(estimated ? 1 : 0, meter.EstimatedCost.GetMeasurementSnapshot().Count);
        Assert.Equal(reported ? 1 : 0, meter.ReportedCost.GetMeasurementSnapshot().Count);
        Assert.All(meter.EstimatedCost.GetMeasurementSnapshot().Concat(meter.ReportedCost.GetMeasurementSnapshot()), cost => Assert.True(cost.Value > 0));
        if (reported)
        {
            Assert.Equal((double)job.State.ActualCost!.Amount, meter.ReportedCost.GetMeasurementSnapshot()[0].Value);
        }
    }

    [Fact]
    public async Task A_reattached_job_is_not_counted_again()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var started = await client.GenerateAsync(new Flux2ProRequest { Prompt = Prompt }, ProviderIds.Fal);
        using var meter = new Instruments();

        var attached = client.Attach(started.Id);
        await attached.WaitForCompletionAsync();

        Assert.True(attached.HasCompleted);
        Assert.Empty(meter.Jobs.GetMeasurementSnapshot());
        Assert.Empty(meter.OperationDuration.GetMeasurementSnapshot());
    }

    private static void AssertTags<T>(CollectedMeasurement<T> measurement, params (string Name, string Value)[] expected)
        where T : struct
    {
        foreach (var (name, value) in expected)
        {
            Assert.True(measurement.Tags.TryGetValue(name, out var actual), $"no {name} tag in [{string.Join(", ", measurement.Tags.Keys)}]");
            Assert.Equal(value, actual);
        }
    }

    /// <summary>Collectors on every FluxSpecs instrument, from now on.</summary>
    private sealed class Instruments : IDisposable
    {
        public MetricCollector<double> OperationDuration { get; } = Collect<double>("gen_ai.client.operation.duration");

        public MetricCollector<long> Jobs { get; } = Collect<long>("fluxspecs.jobs");

        public MetricCollector<double> JobDuration { get; } = Collect<double>("fluxspecs.job.duration");

        public MetricCollector<int> StatusRequests { get; } = Collect<int>("fluxspecs.job.status_requests");

        public MetricCollector<long> Retries { get; } = Collect<long>("fluxspecs.http.retries");

        public MetricCollector<double> EstimatedCost { get; } = Collect<double>("fluxspecs.job.cost.estimated");

        public MetricCollector<double> ReportedCost { get; } = Collect<double>("fluxspecs.job.cost.reported");

        /// <summary>Only the known tag names; no value holds the job id, the prompt or a key.</summary>
        public void AssertBoundedAndSecretFree(string jobId)
        {
            var tags = Tags(OperationDuration).Concat(Tags(Jobs)).Concat(Tags(JobDuration)).Concat(Tags(StatusRequests))
                .Concat(Tags(Retries)).Concat(Tags(EstimatedCost)).Concat(Tags(ReportedCost)).ToList();
            Assert.NotEmpty(tags);
            Assert.All(tags, tag =>
            {
                Assert.Contains(tag.Key, AllowedTags);
                var value = Assert.IsType<string>(tag.Value);
                Assert.DoesNotContain(jobId, value, StringComparison.Ordinal);
                Assert.DoesNotContain(Prompt, value, StringComparison.Ordinal);
                Assert.DoesNotContain(EmulatedProviders.Key, value, StringComparison.Ordinal);
            });
        }

        public void Dispose()
        {
            OperationDuration.Dispose();
            Jobs.Dispose();
            JobDuration.Dispose();
            StatusRequests.Dispose();
            Retries.Dispose();
            EstimatedCost.Dispose();
            ReportedCost.Dispose();
        }

        private static IEnumerable<KeyValuePair<string, object?>> Tags<T>(MetricCollector<T> collector)
            where T : struct => collector.GetMeasurementSnapshot().SelectMany(m => m.Tags);

        private static MetricCollector<T> Collect<T>(string instrument)
            where T : struct => new(FluxSpecsMetrics.Meter, instrument);
    }
}

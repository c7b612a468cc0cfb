using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Pricing;

namespace FluxSpecs.Tests.Clients;

/// <summary>
/// Code that uses FluxSpecs can be tested without a provider: <see cref="FluxSpecsClient"/> and <see cref="ImageJob"/>
/// have protected constructors and virtual members, and <see cref="FluxSpecsModelFactory"/> makes what they return.
/// </summary>
public sealed class TestDoubleTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10];

    [Fact]
    public async Task A_users_service_runs_against_a_fake_client_through_the_generated_client()
    {
        var estimate = FluxSpecsModelFactory.PriceEstimate("bfl", "flux-2-pro", 0.03m);
        var fake = new FakeClient(FluxSpecsModelFactory.JobState("bfl", "job-1", JobStatus.Succeeded, "Ready"), estimate);

        var image = await new PosterService(new Flux2ProClient(fake)).MakePosterAsync("a lighthouse");

        Assert.Equal(Png, image);
        Assert.Equal("a lighthouse", Assert.IsType<Flux2ProRequest>(Assert.Single(fake.Requests)).Prompt);
    }

    [Fact]
    public async Task A_factory_job_that_ended_answers_waits_and_checks_like_a_real_one()
    {
        var succeeded = FluxSpecsModelFactory.ImageJob(
            FluxSpecsModelFactory.JobState("fal", "r-1", JobStatus.Succeeded, actualCost: new JobCost(0.04m, "usd")),
            FluxSpecsModelFactory.PriceEstimate("fal", "flux-2-pro", 0.03m),
            "flux-2-pro");
        var moderated = FluxSpecsModelFactory.ImageJob(FluxSpecsModelFactory.JobState("bfl", "b-1", JobStatus.Moderated, errorMessage: "flagged"));

        Assert.Equal(JobStatus.Succeeded, (await succeeded.WaitForCompletionAsync()).Status);
        Assert.Equal(succeeded.State, await succeeded.UpdateStatusAsync());
        Assert.Equal("fluxspecs-job:fal/r-1", succeeded.Id);
        Assert.Equal(0.04m, succeeded.Cost?.Actual?.Amount);
        Assert.Equal("flag" + "ged", Assert.Throws<JobModeratedException>(() => moderated.EnsureSucceeded()).State.ErrorMessage);
    }

    [Fact]
    public async Task What_a_factory_job_cannot_know_without_a_provider_says_so()
    {
        var running = FluxSpecsModelFactory.ImageJob(FluxSpecsModelFactory.JobState("replicate", "p-1", JobStatus.Running));
        var succeeded = FluxSpecsModelFactory.ImageJob(FluxSpecsModelFactory.JobState(
            "replicate", "p-2", JobStatus.Succeeded, outputs: [new JobOutput { Url = new Uri("https://replicate.delivery/p-2.png") }]));

        var wait = await Assert.ThrowsAsync<InvalidOperationException>(() => running.WaitForCompletionAsync());
        var download = await Assert.ThrowsAsync<InvalidOperationException>(() => succeeded.DownloadAsync());
        var cancel = await Assert.ThrowsAsync<InvalidOperationException>(() => running.CancelAsync());

        Assert.Contains("override WatchAsync", wait.Message, StringComparison.Ordinal);
        Assert.Contains("override OpenOutputAsync", download.Message, StringComparison.Ordinal);
        Assert.Contains("override CancelAsync", cancel.Message, StringComparison.Ordinal);
    }

    /// <summary>Code a user might write and want to test.</summary>
    private sealed class PosterService(Flux2ProClient flux)
    {
        public async Task<byte[]> MakePosterAsync(string prompt)
        {
            var job = await flux.GenerateAsync(new Flux2ProRequest { Prompt = prompt }, "bfl");
            job.EnsureSucceeded();
            return await job.DownloadAsync();
        }
    }

    private sealed class FakeClient(JobState state, PriceEstimate estimate) : FluxSpecsClient
    {
        public List<IModelRequest> Requests { get; } = [];

        public override Task<ImageJob> GenerateAsync(IModelRequest request, string providerId, IProgress<JobState>? progress = null, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Task.FromResult<ImageJob>(new FakeJob(state, estimate));
        }
    }

    private sealed class FakeJob(JobState state, PriceEstimate estimate) : ImageJob(state, estimate)
    {
        public override Task<byte[]> DownloadAsync(int index = 0, CancellationToken cancellationToken = default) => Task.FromResult(Png);
    }
}

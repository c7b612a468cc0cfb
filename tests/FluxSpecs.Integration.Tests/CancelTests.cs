using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Integration.Tests;

public sealed class CancelTests
{
    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("fal")]
    public async Task A_queued_job_is_canceled_where_the_provider_can_cancel(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromSeconds(30));
        var protocol = providers.Protocol(providerId);
        var submitted = await protocol.SubmitAsync(new Flux2ProRequest { Prompt = "x" }.CreatePayload(providerId).ToSubmission());

        var canceled = await protocol.CancelAsync(submitted.Handle);
        var after = await protocol.GetStateAsync(submitted.Handle);

        Assert.True(protocol.SupportsCancel);
        Assert.Equal(JobStatus.Canceled, canceled.Status);
        Assert.Equal(JobStatus.Canceled, after.Status);
        Assert.Empty(after.Outputs);
    }

    [Theory]
    [InlineData("bfl")]
    [InlineData("vtrix")]
    [InlineData("magnific")]
    [InlineData("lumenfall")]
    public async Task Providers_without_a_cancel_say_so(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var protocol = providers.Protocol(providerId);
        var submitted = await protocol.SubmitAsync(new Flux2ProRequest { Prompt = "x" }.CreatePayload(providerId).ToSubmission());

        Assert.False(protocol.SupportsCancel);
        var exception = await Assert.ThrowsAsync<NotSupportedException>(() => protocol.CancelAsync(submitted.Handle));
        Assert.Contains("cancel", exception.Message, StringComparison.OrdinalIgnoreCase);
    }
}

using FluxSpecs.Errors;
using System.Net;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;

namespace FluxSpecs.Integration.Tests;

/// <summary>Each injected fault reaches the caller as a typed error with the provider's own code and message.</summary>
public sealed class FaultTests
{
    public static TheoryData<string> Providers() => ["replicate", "core-today", "bfl", "vtrix", "fal", "magnific", "lumenfall"];

    private static ProviderPayload Payload(string providerId) => new Flux2ProRequest { Prompt = "x" }.CreatePayload(providerId);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_rate_limited_create_carries_retry_after_and_says_no_job_was_made(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync("create:429;retry-after=2");

        var exception = await Assert.ThrowsAsync<ProviderException>(() => providers.Protocol(providerId).SubmitAsync(Payload(providerId).ToSubmission()));

        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), exception.RetryAfter);
        Assert.False(exception.JobMayExist);
        Assert.NotNull(exception.ProviderMessage);
        Assert.Contains("No job was created.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_server_error_on_create_says_a_job_may_exist(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync("create:503");

        var exception = await Assert.ThrowsAsync<ProviderException>(() => providers.Protocol(providerId).SubmitAsync(Payload(providerId).ToSubmission()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.True(exception.JobMayExist);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_dropped_connection_after_a_create_says_a_job_may_exist_and_one_was_made(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync("create:drop");

        var exception = await Assert.ThrowsAsync<ProviderTransportException>(() => providers.Protocol(providerId).SubmitAsync(Payload(providerId).ToSubmission()));

        Assert.Null(exception.StatusCode);
        Assert.True(exception.JobMayExist);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
    }

    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("bfl")]
    [InlineData("vtrix")]
    [InlineData("fal")]
    [InlineData("magnific")]
    public async Task A_server_error_on_a_status_read_is_a_provider_error_of_that_read(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync("status:502");
        var protocol = providers.Protocol(providerId);
        var submitted = await protocol.SubmitAsync(Payload(providerId).ToSubmission());

        var exception = await Assert.ThrowsAsync<ProviderException>(() => protocol.GetStateAsync(submitted.Handle));

        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.Equal("status", exception.Operation);
    }

    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("bfl")]
    [InlineData("vtrix")]
    [InlineData("fal")]
    public async Task A_failed_job_ends_failed_with_the_providers_message(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync("create:fail;message=GPU fell over");

        var state = await EmulatedProviders.RunAsync(providers.Protocol(providerId), Payload(providerId));

        Assert.Equal(JobStatus.Failed, state.Status);
        Assert.Contains("GPU fell over", state.ErrorMessage ?? state.ErrorCode, StringComparison.Ordinal);
        Assert.Empty(state.Outputs);
    }

    [Fact]
    public async Task A_failed_magnific_task_ends_failed()
    {
        // Magnific documents no failure message, so only the status is asserted.
        await using var providers = await EmulatedProviders.StartAsync("create:fail");

        var state = await EmulatedProviders.RunAsync(providers.Protocol("magnific"), Payload("magnific"));

        Assert.Equal(JobStatus.Failed, state.Status);
        Assert.Equal("FAILED", state.ProviderStatus);
    }

    [Fact]
    public async Task A_moderated_bfl_job_ends_moderated_and_costs_nothing()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:moderate=content");

        var state = await EmulatedProviders.RunAsync(providers.Protocol("bfl"), Payload("bfl"));

        Assert.Equal(JobStatus.Moderated, state.Status);
        Assert.Equal("Content Moderated", state.ProviderStatus);
        Assert.Equal(0m, state.ActualCost?.Amount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_wrong_key_is_the_providers_401_and_never_shows_the_key(string providerId)
    {
        await using var providers = await StartWithKeyAsync(providerId, "the-right-key");

        var exception = await Assert.ThrowsAsync<ProviderException>(() => providers.Protocol(providerId, "wrong-key-12345").SubmitAsync(Payload(providerId).ToSubmission()));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.False(exception.JobMayExist);
        Assert.DoesNotContain("wrong-key-12345", exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("the-right-key", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_status_read_still_completes()
    {
        await using var providers = await EmulatedProviders.StartAsync("status:slow=200;times=2");

        var state = await EmulatedProviders.RunAsync(providers.Protocol("replicate"), Payload("replicate"));

        Assert.Equal(JobStatus.Succeeded, state.Status);
    }

    private static async Task<EmulatedProviders> StartWithKeyAsync(string providerId, string key)
    {
        var providers = await EmulatedProviders.StartAsync();
        providers.Server.Runtime.Options.ApiKeys[providerId] = key;
        return providers;
    }
}

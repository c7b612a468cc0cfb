using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Integration.Tests;

/// <summary>Every (model, provider) pair maps, submits, completes and downloads against the emulator.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(EmulatedProviders.Pairs), MemberType = typeof(EmulatedProviders))]
    public async Task A_minimal_request_completes_and_its_image_downloads(string modelId, string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var payload = EmulatedProviders.MinimalRequest(modelId).CreatePayload(providerId);

        var state = await EmulatedProviders.RunAsync(providers.Protocol(providerId), payload);

        Assert.Equal(JobStatus.Succeeded, state.Status);
        var output = Assert.Single(state.Outputs);
        var (sniffed, declared, size) = await providers.DownloadAsync(output);
        Assert.NotNull(sniffed);
        Assert.Equal(sniffed, declared);
        Assert.NotNull(size);
    }

    public static TheoryData<string> DevProviders() => ["replicate", "core-today", "fal", "lumenfall"];

    [Theory]
    [MemberData(nameof(DevProviders))]
    public async Task A_custom_dev_size_arrives_as_an_image_of_that_size(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var request = new Models.Flux2Dev.Flux2DevRequest { Prompt = "a lighthouse at dusk", AspectRatio = Models.Flux2Dev.Flux2DevAspectRatio.Custom, Width = 768, Height = 512, Seed = 7 };

        var state = await EmulatedProviders.RunAsync(providers.Protocol(providerId), request.CreatePayload(providerId));

        var (_, _, size) = await providers.DownloadAsync(Assert.Single(state.Outputs));
        Assert.Equal(new ImageSize(768, 512), size);
    }

    public static TheoryData<string> ProProviders() => ["replicate", "core-today", "bfl", "vtrix", "fal", "magnific", "lumenfall"];

    [Theory]
    [MemberData(nameof(ProProviders))]
    public async Task A_custom_size_arrives_as_an_image_of_that_size(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var request = new Flux2ProRequest { Prompt = "a lighthouse at dusk", AspectRatio = Flux2ProAspectRatio.Custom, Width = 768, Height = 512, Seed = 7 };

        var state = await EmulatedProviders.RunAsync(providers.Protocol(providerId), request.CreatePayload(providerId));

        var (_, _, size) = await providers.DownloadAsync(Assert.Single(state.Outputs));
        Assert.Equal(new ImageSize(768, 512), size);
    }

    [Theory]
    [InlineData("replicate", Flux2ProOutputFormat.Png, ImageFormat.Png)]
    [InlineData("replicate", Flux2ProOutputFormat.Jpeg, ImageFormat.Jpeg)]
    [InlineData("replicate", Flux2ProOutputFormat.Webp, ImageFormat.Webp)]
    [InlineData("bfl", Flux2ProOutputFormat.Png, ImageFormat.Png)]
    [InlineData("fal", Flux2ProOutputFormat.Jpeg, ImageFormat.Jpeg)]
    [InlineData("vtrix", Flux2ProOutputFormat.Png, ImageFormat.Png)]
    public async Task The_requested_output_format_is_the_format_downloaded(string providerId, Flux2ProOutputFormat requested, ImageFormat expected)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var request = new Flux2ProRequest { Prompt = "a lighthouse", OutputFormat = requested };

        var state = await EmulatedProviders.RunAsync(providers.Protocol(providerId), request.CreatePayload(providerId));

        var (sniffed, declared, _) = await providers.DownloadAsync(Assert.Single(state.Outputs));
        Assert.Equal(expected, sniffed);
        Assert.Equal(expected, declared);
    }

    [Fact]
    public async Task Replicate_answers_a_create_held_open_with_prefer_wait_with_the_finished_prediction()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var submission = new Flux2ProRequest { Prompt = "x" }.CreatePayload("replicate").ToSubmission() with { Wait = TimeSpan.FromSeconds(5) };

        var state = await providers.Protocol("replicate").SubmitAsync(submission);

        Assert.Equal(JobStatus.Succeeded, state.Status);
        Assert.Single(state.Outputs);
    }

    [Fact]
    public async Task Fal_edits_are_submitted_to_the_edit_subpath_and_polled_where_fal_says()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var payload = new Flux2ProRequest { Prompt = "x", InputImages = ["https://example.com/cat.png"] }.CreatePayload("fal");

        var state = await EmulatedProviders.RunAsync(providers.Protocol("fal"), payload);

        Assert.Equal("fal-ai/flux-2-pro/edit", payload.ProviderModelId);
        Assert.DoesNotContain("/edit", state.Handle.Link("status_url"), StringComparison.Ordinal);
        Assert.Equal(JobStatus.Succeeded, state.Status);
    }

    [Fact]
    public async Task Bfl_result_links_are_marked_short_lived()
    {
        await using var providers = await EmulatedProviders.StartAsync();

        var state = await EmulatedProviders.RunAsync(providers.Protocol("bfl"), new Flux2ProRequest { Prompt = "x" }.CreatePayload("bfl"));

        var expires = Assert.Single(state.Outputs).ExpiresAt;
        Assert.NotNull(expires);
        Assert.InRange(expires.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Bfl_reports_its_cost_in_credits()
    {
        await using var providers = await EmulatedProviders.StartAsync();

        var state = await EmulatedProviders.RunAsync(providers.Protocol("bfl"), new Flux2ProRequest { Prompt = "x" }.CreatePayload("bfl"));

        Assert.Equal("credits", state.ActualCost?.Unit);
        Assert.True(state.ActualCost!.Amount > 0);
    }

    [Fact]
    public async Task Vtrix_reports_its_cost_in_dollars()
    {
        await using var providers = await EmulatedProviders.StartAsync();

        var state = await EmulatedProviders.RunAsync(providers.Protocol("vtrix"), new Flux2ProRequest { Prompt = "x" }.CreatePayload("vtrix"));

        Assert.Equal("usd", state.ActualCost?.Unit);
        Assert.True(state.ActualCost!.Amount > 0);
    }

    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("bfl")]
    [InlineData("vtrix")]
    [InlineData("fal")]
    [InlineData("magnific")]
    public async Task A_job_is_found_again_from_its_saved_handle_by_a_new_protocol_instance(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromMilliseconds(200));
        var submitted = await providers.Protocol(providerId).SubmitAsync(new Flux2ProRequest { Prompt = "x" }.CreatePayload(providerId).ToSubmission());
        var saved = submitted.Handle.ToString();

        var reattached = providers.Protocol(providerId);
        var state = await reattached.GetStateAsync(JobHandle.Parse(saved));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!state.IsTerminal && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            state = await reattached.GetStateAsync(state.Handle);
        }

        Assert.Equal(submitted.Handle.JobId, state.Handle.JobId);
        Assert.Equal(JobStatus.Succeeded, state.Status);
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using Microsoft.Extensions.AI;

#pragma warning disable MEAI001 // the image abstraction is experimental

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>
/// Images per request, end to end against the emulator: sent in the provider's own field where it has one, else started
/// as that many jobs at once, each create exactly once.
/// </summary>
public sealed class ImageCountTests
{
    private static Flux2ProRequest Request(int count) => new() { Prompt = "a lighthouse at dusk", ImageCount = count };

    /// <summary>Jobs the emulator made, summed over its create counters (<c>/_emulator/creates</c>).</summary>
    private static async Task<int> CreatesAsync(EmulatedProviders providers)
    {
        var counters = await providers.Http.GetFromJsonAsync<JsonObject>(new Uri(providers.Server.BaseAddress, "_emulator/creates"));
        return counters!.Sum(pair => pair.Value!.GetValue<int>());
    }

    [Fact]
    public async Task Fal_pro_with_four_images_sends_num_images_and_one_job_yields_all_four()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var request = Request(4);

        var payload = request.CreatePayload("fal");
        var group = await client.GenerateImagesAsync(request, "fal");

        Assert.Equal(4, JsonNode.Parse(payload.Json.Span)!["num_images"]!.GetValue<int>());
        Assert.Single(group.Jobs);
        Assert.Equal(4, group.Outputs.Count);
        Assert.Equal(4, group.Outputs.Select(o => o.Url).Distinct().Count());
        Assert.Equal(1, await CreatesAsync(providers));
    }

    [Fact]
    public async Task Lumenfall_takes_the_count_as_n_and_answers_with_every_image()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var job = await client.GenerateAsync(Request(3), "lumenfall");

        Assert.Equal(3, job.State.Outputs.Count);
        Assert.Equal(1, await CreatesAsync(providers));
    }

    [Theory]
    [InlineData("bfl")]
    [InlineData("replicate")]
    [InlineData("core-today")]
    public async Task A_provider_without_a_count_gets_exactly_that_many_jobs_and_every_image(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var group = await client.GenerateImagesAsync(Request(3), providerId);

        Assert.Equal(3, await CreatesAsync(providers));
        Assert.Equal(3, group.Jobs.Count);
        Assert.Equal(3, group.Jobs.Select(j => j.Id).Distinct().Count());
        Assert.Equal(3, group.Outputs.Count);
        Assert.Empty(group.CreateFailures);
        for (var i = 0; i < group.Outputs.Count; i++)
        {
            Assert.NotNull(ImageFormats.Sniff(await group.DownloadAsync(i)));
        }
    }

    // Job i of a group gets seed + i (as the emulator numbers the images of one fal job), wrapping within the seed's
    // range: a seeded group gives different images, reproducibly, not one image paid for three times.
    [Theory]
    [InlineData(41L, new[] { 41L, 42L, 43L })]
    [InlineData(4294967294L, new[] { 0L, 4294967294L, 4294967295L })]
    public async Task A_seeded_group_gives_each_job_the_next_seed_and_leaves_the_request_as_it_was(long seed, long[] expected)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var request = Request(3) with { Seed = seed };

        var group = await client.GenerateImagesAsync(request, "bfl");

        Assert.Equal(expected, providers.Server.Jobs.Jobs.Select(job => job.Settings.Seed).Order());
        Assert.Equal(seed, request.Seed);
        Assert.Equal(3, group.Outputs.Count);
    }

    [Fact]
    public async Task Downloads_save_every_image_of_a_group()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var directory = Directory.CreateTempSubdirectory("fluxspecs-count-");
        try
        {
            var group = await client.GenerateImagesAsync(Request(2), "bfl");
            for (var i = 0; i < group.Outputs.Count; i++)
            {
                await group.DownloadToFileAsync(Path.Combine(directory.FullName, $"fox-{i}.jpg"), i);
            }

            Assert.Equal(2, directory.GetFiles("fox-*.jpg").Length);
            Assert.All(directory.GetFiles(), file => Assert.NotNull(ImageFormats.Sniff(File.ReadAllBytes(file.FullName))));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => group.DownloadAsync(2));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_count_over_the_providers_limit_is_refused_before_any_network_call()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<RequestValidationException>(() => client.StartImagesAsync(Request(5), "fal"));

        var violation = Assert.Single(exception.Violations);
        Assert.Equal("image_count", violation.Parameter);
        Assert.Equal("fal", violation.Provider);
        Assert.Equal("fal: image_count must be at most 4, but is 5.", violation.Message);
        Assert.Equal(0, await CreatesAsync(providers));
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task Start_async_refuses_an_emulated_count_before_sending_anything()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.StartAsync(Request(2), "bfl"));

        Assert.Contains("StartImagesAsync", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task A_group_whose_create_is_refused_reports_it_keeps_the_others_and_never_resends()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:429;times=1;provider=bfl");
        using var client = ClientFixture.Client(providers);

        var group = await client.StartImagesAsync(Request(3), "bfl");
        var states = await group.WaitForCompletionAsync();

        var refused = Assert.IsType<ProviderException>(Assert.Single(group.CreateFailures));
        Assert.False(refused.JobMayExist);
        Assert.Equal(2, group.Jobs.Count);
        Assert.All(states, state => Assert.Equal(JobStatus.Succeeded, state.Status));
        Assert.Equal(2, group.Outputs.Count);
        Assert.Equal(3, providers.Server.Jobs.TotalCreateAttempts); // three creates sent, none again
        Assert.Equal(2, await CreatesAsync(providers));
        Assert.Same(refused, Assert.Throws<ProviderException>(() => group.EnsureSucceeded()));
    }

    [Fact]
    public async Task When_every_create_is_refused_the_first_error_is_thrown_and_nothing_is_resent()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:429;provider=bfl");
        using var client = ClientFixture.Client(providers);

        await Assert.ThrowsAsync<ProviderException>(() => client.StartImagesAsync(Request(2), "bfl"));

        Assert.Equal(2, providers.Server.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task A_saved_group_id_reattaches_to_the_same_jobs_and_their_images()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var started = await client.GenerateImagesAsync(Request(2), "replicate");

        var attached = client.AttachGroup(started.Id);
        await attached.WaitForCompletionAsync();

        Assert.Equal(started.Jobs.Select(j => j.Id), attached.Jobs.Select(j => j.Id));
        Assert.Equal(2, attached.Outputs.Count);
        Assert.Equal(started.Id, attached.Id);
        Assert.Equal(2, await CreatesAsync(providers));
        Assert.Throws<FormatException>(() => client.AttachGroup("fluxspecs-group:,"));
    }

    [Fact]
    public async Task Canceling_a_group_cancels_each_running_job()
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromMinutes(5));
        using var client = ClientFixture.Client(providers);
        var group = await client.StartImagesAsync(Request(2), "replicate");

        var states = await group.CancelAsync();

        Assert.Equal(2, states.Count);
        Assert.All(states, state => Assert.Equal(JobStatus.Canceled, state.Status));
        Assert.True(group.HasCompleted);
        Assert.Empty(group.Outputs);
    }

    [Fact]
    public async Task Each_job_of_an_emulated_group_carries_its_share_of_the_estimate()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var group = await client.GenerateImagesAsync(Request(3), "bfl");

        Assert.Equal(3, group.Estimate!.ImageCount);
        Assert.Equal(0.09m, group.Estimate.AmountUsd);
        Assert.All(group.Jobs, job => Assert.Equal(0.03m, job.Estimate!.AmountUsd));
        Assert.All(group.Jobs, job => Assert.Equal(3m, job.Cost!.Actual!.Amount)); // BFL reports each job's credits
    }

    [Fact]
    public async Task The_image_generator_maps_count_to_the_image_count_and_returns_every_image()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        using IImageGenerator onFal = new Flux2ProClient(client).AsImageGenerator("fal");
        using IImageGenerator onBfl = new Flux2ProClient(client).AsImageGenerator("bfl");

        var native = await onFal.GenerateAsync(new ImageGenerationRequest("a lighthouse"), new ImageGenerationOptions { Count = 2 });
        var emulated = await onBfl.GenerateAsync(new ImageGenerationRequest("a lighthouse"), new ImageGenerationOptions { Count = 2 });

        Assert.Equal(2, native.Contents.Count);
        Assert.Single(Assert.IsType<ImageJobGroup>(native.RawRepresentation).Jobs);
        Assert.Equal(2, emulated.Contents.Count);
        Assert.Equal(2, Assert.IsType<ImageJobGroup>(emulated.RawRepresentation).Jobs.Count);
        Assert.All(native.Contents.Concat(emulated.Contents), content => Assert.IsType<DataContent>(content));
        Assert.Equal(3, await CreatesAsync(providers));
    }
}

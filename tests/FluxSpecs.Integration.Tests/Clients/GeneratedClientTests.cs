using System.Diagnostics;
using System.Drawing;
using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using Microsoft.Extensions.AI;

#pragma warning disable MEAI001 // the image abstraction is experimental

namespace FluxSpecs.Integration.Tests.Clients;

public sealed class GeneratedClientTests
{
    [Fact]
    public async Task The_models_client_prices_compares_and_generates()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var shared = ClientFixture.Client(providers);
        var flux = new Flux2ProClient(shared);
        var request = new Flux2ProRequest { Prompt = "a lighthouse" };

        var estimate = flux.EstimatePrice(request, "bfl");
        var comparison = flux.ComparePrices(request);
        var job = await flux.GenerateAsync(request, comparison.Cheapest!.ProviderId);

        Assert.Equal(["replicate", "core-today", "bfl", "vtrix", "fal", "magnific", "lumenfall"], Flux2ProClient.Providers);
        Assert.Equal(0.03m, estimate.AmountUsd);
        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.Equal("lumenfall", comparison.Cheapest.ProviderId); // $0.015 at 1 MP, by the cards
    }

    [Fact]
    public async Task As_an_image_generator_it_returns_images_of_the_requested_size()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var shared = ClientFixture.Client(providers);
        using IImageGenerator generator = new Flux2ProClient(shared).AsImageGenerator("replicate");

        var response = await generator.GenerateAsync(new ImageGenerationRequest("a lighthouse"), new ImageGenerationOptions { ImageSize = new Size(640, 448), Count = 2 });

        Assert.Equal(2, response.Contents.Count);
        Assert.All(response.Contents, content =>
        {
            var data = Assert.IsType<DataContent>(content);
            Assert.Equal(new ImageSize(640, 448), ImageDimensions.Read(data.Data.Span));
            Assert.StartsWith("image/", data.MediaType, StringComparison.Ordinal);
        });
        Assert.Same(shared, generator.GetService(typeof(FluxSpecsClient)));
    }

    [Fact]
    public async Task Original_images_become_the_requests_reference_images()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var shared = ClientFixture.Client(providers);
        var original = new DataContent(await new HttpClient().GetByteArrayAsync((await shared.GenerateAsync(new Flux2ProRequest { Prompt = "seed" }, "bfl")).State.Outputs[0].Url), "image/jpeg");

        var request = Flux2ProClient.CreateRequest(new ImageGenerationRequest("make it blue", [original]), null);

        var image = Assert.Single(request.InputImages!);
        Assert.Equal(ImageSourceKind.Bytes, image.Kind);
        Assert.Equal("make it blue", request.Prompt);
    }

    [Fact]
    public async Task A_state_delivered_by_webhook_ends_the_wait_at_once()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var options = ClientFixture.Options(providers);
        options.Polling.MinInterval = TimeSpan.FromSeconds(20);
        options.Polling.MaxInterval = TimeSpan.FromSeconds(20);
        using var client = new FluxSpecsClient(options);
        var job = await client.StartAsync(new Flux2ProRequest { Prompt = "x" }, "bfl");
        var waiting = job.WaitForCompletionAsync();
        var clock = Stopwatch.StartNew();

        // What a verified BFL webhook would carry: the finished job, as the provider reports it.
        JobState finished;
        do
        {
            await Task.Delay(20);
            finished = await client.Protocol("bfl").GetStateAsync(job.State.Handle);
        }
        while (!finished.IsTerminal);

        Assert.True(client.DeliverWebhook(finished with { Handle = new JobHandle("bfl", finished.Handle.JobId) }));
        var state = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(JobStatus.Succeeded, state.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.False(client.DeliverWebhook(finished));
    }

    [Fact]
    public async Task Waiting_longer_than_the_timeout_says_the_job_may_still_run()
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromSeconds(30));
        var options = ClientFixture.Options(providers);
        options.Polling.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new FluxSpecsClient(options);
        var job = await client.StartAsync(new Flux2ProRequest { Prompt = "x" }, "bfl");

        var exception = await Assert.ThrowsAsync<JobTimeoutException>(() => job.WaitForCompletionAsync());

        Assert.True(exception.MayHaveCharged);
        Assert.Contains("it may still be running", exception.Message, StringComparison.Ordinal);
    }
}

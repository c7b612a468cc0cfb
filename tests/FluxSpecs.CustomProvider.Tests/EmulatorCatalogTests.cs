using FluxSpecs.Errors;
using FluxSpecs.Clients;
using FluxSpecs.CustomProvider.Tests.HouseSketch;
using FluxSpecs.Emulator;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;

namespace FluxSpecs.CustomProvider.Tests;

/// <summary>The emulator serves the models it is given, here a card that is not among the shipped ones.</summary>
public sealed class EmulatorCatalogTests
{
    [Fact]
    public async Task An_emulator_given_a_card_serves_it()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, Models = [HouseSketchModel.Descriptor] });
        using var client = new FluxSpecsClient(Options(emulator));

        var job = await new HouseSketchClient(client).GenerateAsync(new HouseSketchRequest { Prompt = "a house", Width = 320, Height = 192 }, ProviderIds.Bfl);

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        var image = await job.DownloadAsync();
        Assert.NotEmpty(image);
        var size = Assert.IsType<Images.ImageSize>(Images.ImageDimensions.Read(image));
        Assert.Equal((320, 192), (size.Width, size.Height));
    }

    [Fact]
    public async Task The_default_emulator_refuses_a_model_no_shipped_card_gives()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true });
        using var client = new FluxSpecsClient(Options(emulator));

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            new HouseSketchClient(client).StartAsync(new HouseSketchRequest { Prompt = "a house" }, ProviderIds.Bfl));

        Assert.Contains("house-sketch-1", error.Message, StringComparison.Ordinal);
        Assert.False(error.JobMayExist);
    }

    private static FluxSpecsOptions Options(EmulatorServer emulator)
    {
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Polling.MinInterval = TimeSpan.FromMilliseconds(10);
        options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(20);
        options.Providers[ProviderIds.Bfl] = new ProviderOptions { ApiKey = "test-key", BaseUrl = emulator.ProviderBaseUrl(ProviderIds.Bfl) };
        return options;
    }
}

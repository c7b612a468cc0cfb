using FluxSpecs.Images;
using FluxSpecs.Jobs;
using Flex = FluxSpecs.Models.Flux2Flex;
using Klein4b = FluxSpecs.Models.Flux2Klein4b;
using Klein9b = FluxSpecs.Models.Flux2Klein9b;
using Max = FluxSpecs.Models.Flux2Max;

namespace FluxSpecs.Integration.Tests;

/// <summary>
/// The FLUX.2 family cards (flex, max, klein 4B, klein 9B) against the emulator, which serves them from the catalog:
/// an edit with a reference image given as bytes is accepted by the provider's emulated endpoint, completes, and its
/// image downloads at the requested size. Each card goes through a different image encoding.
/// </summary>
public sealed class FamilyCardTests
{
    /// <summary>A complete 1x1 PNG: the emulator accepts only real image bytes.</summary>
    private static ImageInput Reference() => ImageInput.FromBytes(Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));

    public static TheoryData<string, string> Edits() => new()
    {
        { "flux-2-flex", "fal" },          // image_urls with a data URI, on fal-ai/flux-2-flex/edit
        { "flux-2-max", "vtrix" },         // indexed input_image with a data URI
        { "flux-2-klein-4b", "bfl" },      // indexed input_image on /v1/flux-2-klein-4b
        { "flux-2-klein-9b", "lumenfall" }, // a multipart file part on /images/edits
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_edit_with_a_reference_image_completes_at_the_requested_size(string modelId, string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        IModelRequest request = modelId switch
        {
            "flux-2-flex" => new Flex.Flux2FlexRequest { Prompt = "a lighthouse at dusk", InputImages = [Reference()], AspectRatio = Flex.Flux2FlexAspectRatio.Custom, Width = 768, Height = 512, Steps = 20 },
            "flux-2-max" => new Max.Flux2MaxRequest { Prompt = "a lighthouse at dusk", InputImages = [Reference()], AspectRatio = Max.Flux2MaxAspectRatio.Custom, Width = 768, Height = 512 },
            "flux-2-klein-4b" => new Klein4b.Flux2Klein4bRequest { Prompt = "a lighthouse at dusk", InputImages = [Reference()], AspectRatio = Klein4b.Flux2Klein4bAspectRatio.Custom, Width = 768, Height = 512 },
            _ => new Klein9b.Flux2Klein9bRequest { Prompt = "a lighthouse at dusk", InputImages = [Reference()], AspectRatio = Klein9b.Flux2Klein9bAspectRatio.Custom, Width = 768, Height = 512 },
        };

        var state = await EmulatedProviders.RunAsync(providers.Protocol(providerId), request.CreatePayload(providerId));

        Assert.Equal(JobStatus.Succeeded, state.Status);
        var (sniffed, declared, size) = await providers.DownloadAsync(Assert.Single(state.Outputs));
        Assert.NotNull(sniffed);
        Assert.Equal(sniffed, declared);
        Assert.Equal(new ImageSize(768, 512), size);
    }

    [Fact]
    public async Task Magnifics_klein_endpoint_takes_a_preset_and_a_base64_reference()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var request = new Klein4b.Flux2Klein4bRequest { Prompt = "a lighthouse at dusk", InputImages = [Reference()], AspectRatio = Klein4b.Flux2Klein4bAspectRatio.Landscape16x9, Seed = 1 };

        var state = await EmulatedProviders.RunAsync(providers.Protocol("magnific"), request.CreatePayload("magnific"));

        Assert.Equal(JobStatus.Succeeded, state.Status);
        var (sniffed, _, size) = await providers.DownloadAsync(Assert.Single(state.Outputs));
        Assert.NotNull(sniffed);
        Assert.NotNull(size);
    }
}

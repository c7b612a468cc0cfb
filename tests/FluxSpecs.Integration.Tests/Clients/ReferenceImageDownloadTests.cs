using System.Text.Json.Nodes;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Validation;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>
/// A reference image given as a URL reaches every provider: the client downloads it for the providers that take the
/// image itself (Magnific's base64, Lumenfall's file parts) and passes the URL to the others. The reference images here
/// are outputs of an earlier emulator job, served over loopback http.
/// </summary>
public sealed class ReferenceImageDownloadTests
{
    [Theory]
    [InlineData("magnific", "input_image")]
    [InlineData("lumenfall", "image")]
    public async Task A_url_image_is_downloaded_and_its_bytes_sent_to_a_provider_that_takes_bytes(string providerId, string field)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var (url, bytes) = await ReferenceImageAsync(client);

        await client.GenerateAsync(Request(url), providerId);

        Assert.Equal(2, providers.Server.Jobs.TotalCreates);
        var sent = Sent(providers, field);
        Assert.EndsWith(Convert.ToBase64String(bytes), sent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bfl", "input_image")]
    [InlineData("replicate", "input_images")]
    public async Task A_url_image_stays_a_url_for_a_provider_that_takes_urls(string providerId, string field)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var (url, _) = await ReferenceImageAsync(client);

        await client.GenerateAsync(Request(url), providerId);

        Assert.Equal(url.AbsoluteUri, Sent(providers, field));
    }

    [Theory]
    [InlineData("files/missing.png", "failed with HTTP 404")]
    [InlineData("", "is not an image: its first bytes match no image format")]
    public async Task A_url_image_that_cannot_be_downloaded_fails_naming_it_and_nothing_is_created(string path, string problem)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var url = new Uri(providers.Server.BaseAddress, path);

        var error = await Assert.ThrowsAsync<ReferenceImageException>(() => client.StartAsync(Request(url), "magnific"));

        Assert.Equal("input_images[0]", error.Parameter);
        Assert.StartsWith("input_images[0] (" + url.GetLeftPart(UriPartial.Path) + ")", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(error.MayHaveCharged);
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task A_plain_http_image_elsewhere_is_refused_without_a_download()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var error = await Assert.ThrowsAsync<ReferenceImageException>(() => client.StartAsync(Request(new Uri("http://images.example/cat.png")), "magnific"));

        Assert.Contains("reference images must come over https", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task An_invalid_request_fails_validation_before_any_image_is_downloaded()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var request = Request(new Uri(providers.Server.BaseAddress, "files/missing.png")) with { Width = 2000 };

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => client.StartAsync(request, "magnific"));

        Assert.Contains(error.Violations, v => v.Parameter == "width");
    }

    private static Flux2ProRequest Request(Uri reference) =>
        new() { Prompt = "the same scene at night", AspectRatio = Flux2ProAspectRatio.Custom, Width = 512, Height = 384, InputImages = [ImageInput.FromUrl(reference)] };

    /// <summary>An image the emulator serves at a URL: the output of a first job.</summary>
    private static async Task<(Uri Url, byte[] Bytes)> ReferenceImageAsync(FluxSpecs.Clients.FluxSpecsClient client)
    {
        var job = await client.GenerateAsync(new Flux2ProRequest { Prompt = "a lighthouse", AspectRatio = Flux2ProAspectRatio.Custom, Width = 256, Height = 256 }, "bfl");
        return (job.State.Outputs[0].Url!, await job.DownloadAsync());
    }

    /// <summary>What the emulator's latest job received in <paramref name="field"/>: the one image's text (URL, base64 or data URI).</summary>
    private static string Sent(EmulatedProviders providers, string field)
    {
        var value = providers.Server.Jobs.Jobs[^1].Request[field];
        return (value is JsonArray array ? Assert.Single(array) : value)!.GetValue<string>();
    }
}

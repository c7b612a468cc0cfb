using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator;
using FluxSpecs.Images;
using FluxSpecs.Models;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// <c>generate --out</c>'s extension tells the truth: refused before the job when the request's (or the provider's
/// default) <c>output_format</c> contradicts it, renamed after the download when only the bytes tell. Each provider's
/// base URL points at one emulator, so the tests can count the jobs it was asked to create.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class OutputNameTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-cli-names-");
    private EmulatorServer? _emulator;

    /// <summary>Every (model, provider, default) where the card gives the provider its own output_format default.</summary>
    public static TheoryData<string, string, string> ProviderFormatDefaults()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers)
            {
                if (provider.Parameters.FirstOrDefault(p => p.Parameter == "output_format")?.Default is { } value)
                {
                    data.Add(model.Id, provider.Id, value);
                }
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync();
        foreach (var provider in ProviderRegistry.Ids)
        {
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).KeyVariable, "test-key");
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).BaseUrlVariable, _emulator.ProviderBaseUrl(provider).AbsoluteUri);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in ProviderRegistry.Ids)
        {
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).KeyVariable, null);
            Environment.SetEnvironmentVariable(ProviderRegistry.Get(provider).BaseUrlVariable, null);
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task An_extension_that_contradicts_the_requested_output_format_is_refused_before_any_job()
    {
        var png = Path.Combine(_directory.FullName, "fox.png");

        var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "bfl", "--prompt", "fox", "--set", "output_format=jpeg", "--out", png);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--out {png} names a png image, but bfl will send jpeg (the request sets output_format=jpeg); nothing was sent.", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Use --out {Path.ChangeExtension(png, "jpg")}, or --set output_format=png to get png.", result.Error, StringComparison.Ordinal);
        Assert.Empty(_directory.GetFiles());
        Assert.Equal(0, await JobsOn("bfl"));
    }

    [Theory]
    [MemberData(nameof(ProviderFormatDefaults))]
    public async Task An_extension_that_contradicts_the_providers_default_format_is_refused_before_any_job(string modelId, string providerId, string defaultFormat)
    {
        var other = new[] { ImageFormat.Png, ImageFormat.Jpeg }.First(f => f.ToWireName() != defaultFormat);
        var path = Path.Combine(_directory.FullName, $"{modelId}-{providerId}.{other.ToWireName()}");

        var result = await Cli.RunAsync("generate", "--model", modelId, "--provider", providerId, "--prompt", "fox", "--out", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"but {providerId} will send {defaultFormat} ({providerId}'s default output_format is {defaultFormat}); nothing was sent.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Equal(0, await JobsOn(providerId));
    }

    [Fact]
    public async Task An_extension_that_matches_runs_and_saves_under_that_name()
    {
        var png = Path.Combine(_directory.FullName, "fox.png");

        var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "bfl", "--prompt", "fox", "--set", "output_format=png", "--out", png);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"saved: {png}", result.Out, StringComparison.Ordinal);
        Assert.Equal(ImageFormat.Png, ImageFormats.Sniff(await File.ReadAllBytesAsync(png)));
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_only_the_bytes_tell_the_name_is_fixed_after_the_download(bool json)
    {
        // Magnific's card has no output_format, so nothing is known before the job; the emulator answers JPEG.
        var png = Path.Combine(_directory.FullName, $"magnific-{json}.png");
        string[] args = ["generate", "--model", "flux-2-pro", "--provider", "magnific", "--prompt", "fox", "--out", png];

        var result = await Cli.RunAsync(json ? [.. args, "--json"] : args);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(png));
        var saved = Assert.Single(_directory.GetFiles($"magnific-{json}.*"));
        var format = ImageFormats.Sniff(await File.ReadAllBytesAsync(saved.FullName));
        Assert.NotNull(format);
        Assert.NotEqual(ImageFormat.Png, format);
        Assert.Equal(format, ImageFormats.FromExtension(saved.FullName));
        Assert.Contains($"warning: the image is {format.Value.ToWireName()}, not png as --out says: saved as {saved.FullName} instead of {png}.", result.Error, StringComparison.Ordinal);
        if (json)
        {
            using var document = JsonDocument.Parse(result.Out);
            Assert.Equal(saved.FullName, document.RootElement.GetProperty("path").GetString());
            Assert.Equal(png, document.RootElement.GetProperty("renamed_from").GetString());
            Assert.Equal(format.Value.ToWireName(), document.RootElement.GetProperty("format").GetString());
        }
        else
        {
            Assert.Contains($"saved: {saved.FullName}", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_name_without_an_image_extension_claims_nothing_and_is_kept()
    {
        var path = Path.Combine(_directory.FullName, "fox.img");

        var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "replicate", "--prompt", "fox", "--out", path);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(path));
    }

    /// <summary>How many jobs the emulator created for <paramref name="providerId"/>.</summary>
    private async Task<int> JobsOn(string providerId)
    {
        using var http = new HttpClient();
        var jobs = await http.GetFromJsonAsync<JsonArray>(new Uri(_emulator!.BaseAddress, "_emulator/jobs"));
        return jobs!.Count(job => (string?)job!["provider"] == providerId);
    }
}

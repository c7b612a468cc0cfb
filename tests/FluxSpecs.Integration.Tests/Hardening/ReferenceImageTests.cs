using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Validation;
using FluxSpecs.Integration.Tests.Clients;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>
/// Reference images that are not what they claim, too large, or unreadable: a <see cref="RequestValidationException"/>
/// naming the image, on every provider and every image encoding, and the emulator sees no create at all.
/// </summary>
public sealed class ReferenceImageTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];

    private readonly string _directory = Directory.CreateTempSubdirectory("fluxspecs-images-").FullName;
    private EmulatedProviders _providers = null!;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in FluxSpecs.Providers.ProviderRegistry.Ids)
        {
            foreach (var image in new[] { "jpeg bytes in a png data URI", "text in a png data URI", "empty data URI", "text file named .png", "jpeg file named .png", "missing file", "a directory", "file over 50 MiB", "zip file named .webp" })
            {
                data.Add(provider, image);
            }
        }

        return data;
    }

    public async Task InitializeAsync() => _providers = await EmulatedProviders.StartAsync();

    public async Task DisposeAsync() => await _providers.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_image_that_is_not_what_it_claims_is_refused_before_anything_is_sent(string providerId, string image)
    {
        using var client = ClientFixture.Client(_providers);
        var request = new Flux2ProRequest { Prompt = "edit", InputImages = [Image(image)] };

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => client.StartAsync(request, providerId));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("input_images[0]", violation.Parameter);
        Assert.StartsWith("input_images[0] ", violation.Message, StringComparison.Ordinal);
        Assert.Contains(violation.Rule, new[] { ViolationRules.Content, ViolationRules.Readable, ViolationRules.MaxBytes });
        Assert.False(error.MayHaveCharged);
        Assert.Equal(0, _providers.Server.Jobs.TotalCreateAttempts);
    }

    [Theory]
    [InlineData("jpeg bytes in a png data URI", "input_images[0] claims to be png, but its bytes are jpeg (<11 bytes, jpeg>).")]
    [InlineData("text in a png data URI", "input_images[0] claims to be png, but its bytes are not an image (<11 bytes, png>).")]
    public void Validate_reports_bytes_that_are_not_what_they_claim_without_reading_any_file(string image, string message)
    {
        var request = new Flux2ProRequest { Prompt = "edit", InputImages = [Image(image)] };

        var violation = Assert.Single(request.Validate().Violations);

        Assert.Equal(ViolationRules.Content, violation.Rule);
        Assert.Equal(message, violation.Message);
    }

    [Fact]
    public async Task Real_images_of_the_claimed_format_are_sent()
    {
        using var client = ClientFixture.Client(_providers);
        var file = Path.Combine(_directory, "source.jpg");
        File.WriteAllBytes(file, Jpeg);
        var request = new Flux2ProRequest { Prompt = "edit", InputImages = [ImageInput.FromFile(file), $"data:image/png;base64,{Convert.ToBase64String(Png)}"] };

        var job = await client.StartAsync(request, "lumenfall");

        Assert.Equal(1, _providers.Server.Jobs.TotalCreates);
        Assert.True(job.HasCompleted);
    }

    private ImageInput Image(string what)
    {
        switch (what)
        {
            case "jpeg bytes in a png data URI":
                return $"data:image/png;base64,{Convert.ToBase64String(Jpeg)}";
            case "text in a png data URI":
                return $"data:image/png;base64,{Convert.ToBase64String("hello world"u8.ToArray())}";
            case "empty data URI":
                return "data:image/png;base64,";
            case "missing file":
                return ImageInput.FromFile(Path.Combine(_directory, "nowhere.png"));
            case "a directory":
                Directory.CreateDirectory(Path.Combine(_directory, "folder.png"));
                return ImageInput.FromFile(Path.Combine(_directory, "folder.png"));
            case "file over 50 MiB":
                var large = Path.Combine(_directory, "large.png");
                using (var stream = File.Create(large))
                {
                    // Sparse: the size is set, nothing is written.
                    stream.Write(Png);
                    stream.SetLength(ImageContent.MaxBytes + 1);
                }

                return ImageInput.FromFile(large);
            default:
                var (name, bytes) = what switch
                {
                    "text file named .png" => ("notes.png", "not an image at all"u8.ToArray()),
                    "jpeg file named .png" => ("photo.png", Jpeg),
                    _ => ("archive.webp", (byte[])[0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]),
                };
                var path = Path.Combine(_directory, name);
                File.WriteAllBytes(path, bytes);
                return ImageInput.FromFile(path);
        }
    }
}

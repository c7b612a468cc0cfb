using System.Net;
using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>
/// Result URLs that are not https, redirect elsewhere, stream past the size cap or are not images: each is a
/// <see cref="DownloadException"/>, and no file but the one asked for is written.
/// </summary>
public sealed class DownloadSafetyTests : IDisposable
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3];

    private readonly string _directory = Directory.CreateTempSubdirectory("fluxspecs-downloads-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("http://cdn.example/out.png")]
    [InlineData("ftp://cdn.example/out.png")]
    [InlineData("http://127.0.0.1:9/out.png")]
    public async Task A_result_url_that_is_not_https_is_refused_before_any_request(string url)
    {
        var (job, stub) = Job(url, _ => StubHandler.Bytes(Png));

        var error = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());

        Assert.StartsWith("Refusing to download", error.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Plain_http_from_loopback_is_allowed_only_when_configured()
    {
        var (job, _) = Job("http://127.0.0.1:9/out.png", _ => StubHandler.Bytes(Png), allowLoopbackHttp: true);

        Assert.Equal(Png, await job.DownloadAsync());
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_refused()
    {
        var (job, stub) = Job("https://cdn.example/out.png", request => request.RequestUri!.Host == "cdn.example"
            ? Redirect("https://elsewhere.example/out.png")
            : StubHandler.Bytes(Png));

        var error = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());

        Assert.Contains("another host (elsewhere.example)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(stub.Requests, r => r.Url.Host == "elsewhere.example");
    }

    [Fact]
    public async Task A_redirect_to_plain_http_is_refused()
    {
        var (job, stub) = Job("https://cdn.example/out.png", request => request.RequestUri!.Scheme == "https"
            ? Redirect("http://cdn.example/out.png")
            : StubHandler.Bytes(Png));

        await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());

        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_redirect_on_the_same_host_is_followed_a_bounded_number_of_times()
    {
        var (job, _) = Job("https://cdn.example/a.png", request => request.RequestUri!.AbsolutePath == "/a.png" ? Redirect("/b.png") : StubHandler.Bytes(Png));
        var (loop, loopStub) = Job("https://cdn.example/a.png", _ => Redirect("/a.png"));

        Assert.Equal(Png, await job.DownloadAsync());
        var error = await Assert.ThrowsAsync<DownloadException>(() => loop.DownloadAsync());
        Assert.Contains("more than 5 redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, loopStub.Requests.Count);
    }

    [Fact]
    public async Task An_output_that_streams_past_the_cap_stops_there_and_leaves_no_file()
    {
        var endless = new EndlessContent(1L << 40, prefix: Png);
        var (job, _) = Job("https://cdn.example/out.png", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = endless }, maxDownloadBytes: 1024 * 1024);
        var target = Path.Combine(_directory, "out.png");

        var error = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadToFileAsync(target));

        Assert.Contains("larger than the 1048576-byte limit", error.Message, StringComparison.Ordinal);
        Assert.InRange(endless.Served, 1024 * 1024, 2 * 1024 * 1024);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public async Task An_output_that_is_not_an_image_is_refused_and_not_written()
    {
        var (job, _) = Job("https://cdn.example/out.png", _ => StubHandler.Json("{\"error\": \"a proxy's page\"}"));
        var target = Path.Combine(_directory, "out.png");

        await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());
        var error = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadToFileAsync(target));

        Assert.Contains("is not an image", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public async Task A_download_writes_only_the_chosen_file_and_never_touches_a_neighbour()
    {
        var (job, _) = Job("https://cdn.example/out.png?signature=abc", _ => StubHandler.Bytes(Png));
        var target = Path.Combine(_directory, "out.png");
        var neighbour = target + ".part";
        File.WriteAllText(neighbour, "the user's own file");

        await job.DownloadToFileAsync(target);

        Assert.Equal(Png, File.ReadAllBytes(target));
        Assert.Equal("the user's own file", File.ReadAllText(neighbour));
        Assert.Equal([target, neighbour], Directory.EnumerateFiles(_directory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_directory_as_the_target_is_refused_before_downloading()
    {
        var (job, stub) = Job("https://cdn.example/out.png", _ => StubHandler.Bytes(Png));

        await Assert.ThrowsAsync<ArgumentException>(() => job.DownloadToFileAsync(_directory));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_job_that_succeeded_without_images_says_so_when_downloaded()
    {
        var (job, _) = Job(null, _ => StubHandler.Bytes(Png));

        var error = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());

        Assert.Contains("gave no image", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Redirect(string location) =>
        new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static (ImageJob Job, StubHandler Stub) Job(string? url, Func<HttpRequestMessage, HttpResponseMessage> answer, bool allowLoopbackHttp = false, long? maxDownloadBytes = null)
    {
        var stub = new StubHandler(answer);
        var options = new FluxSpecsOptions { AllowLoopbackHttp = allowLoopbackHttp, MaxDownloadBytes = maxDownloadBytes ?? 64L * 1024 * 1024 };
        var http = new HttpClient(FluxSpecsHttp.CreateHandler(new RetryOptions { MaxRetries = 0 }, NullLogger.Instance, stub));
        var client = new FluxSpecsClient(options, http, NullLoggerFactory.Instance);
        var protocol = ProviderRegistry.Get("bfl").CreateProtocol(new ProviderConnection(http, new Uri("https://api.example/"), "test-key"));
        var state = new JobState
        {
            Handle = new JobHandle("bfl", "j1"),
            Status = JobStatus.Succeeded,
            ProviderStatus = "Ready",
            Outputs = url is null ? [] : [JobOutput.FromUrl(new Uri(url))],
        };
        return (new ImageJob(client, protocol, state, estimate: null, model: null), stub);
    }
}

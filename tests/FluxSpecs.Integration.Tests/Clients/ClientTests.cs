using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Providers;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>The client against the emulator, for every provider: generate, progress, cancel, re-attach, download, errors.</summary>
public sealed class ClientTests
{
    public static TheoryData<string> Providers() => ["replicate", "core-today", "bfl", "vtrix", "fal", "magnific", "lumenfall"];

    private static Flux2ProRequest Request() => new() { Prompt = "a lighthouse at dusk", AspectRatio = Flux2ProAspectRatio.Custom, Width = 512, Height = 384 };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Generate_waits_for_the_job_and_downloads_the_image(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var progress = new List<JobState>();

        var job = await client.GenerateAsync(Request(), providerId, new SynchronousProgress<JobState>(progress.Add));
        var bytes = await job.DownloadAsync();

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.Equal(new ImageSize(512, 384), ImageDimensions.Read(bytes));
        Assert.Equal(JobStatus.Succeeded, progress[^1].Status);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
    }

    [Theory]
    [MemberData(nameof(ResilienceTests.PollingProviders), MemberType = typeof(ResilienceTests))]
    public async Task Progress_reports_each_change_in_order_ending_with_the_result(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromMilliseconds(150));
        using var client = ClientFixture.Client(providers);
        var job = await client.StartAsync(Request(), providerId);
        var seen = new List<JobStatus>();

        await job.WaitForCompletionAsync(new SynchronousProgress<JobState>(state => seen.Add(state.Status)));

        // Vtrix has one word, in_progress, for queued and running.
        Assert.Equal(providerId == "vtrix" ? JobStatus.Running : JobStatus.Queued, seen[0]);
        Assert.Equal(JobStatus.Succeeded, seen[^1]);
        Assert.Equal(seen.Order().ToList(), seen);
    }

    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("fal")]
    public async Task Cancel_cancels_the_remote_job(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromSeconds(30));
        using var client = ClientFixture.Client(providers);
        var job = await client.StartAsync(Request(), providerId);

        await job.CancelAsync();

        Assert.Equal(JobStatus.Canceled, job.State.Status);
        var exception = Assert.Throws<JobCanceledException>(() => job.EnsureSucceeded());
        Assert.True(exception.MayHaveCharged);
    }

    [Fact]
    public async Task A_cancellation_token_stops_waiting_but_leaves_the_remote_job_running()
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromSeconds(30));
        using var client = ClientFixture.Client(providers);
        var job = await client.StartAsync(Request(), "replicate");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitForCompletionAsync(cancellationToken: stop.Token));

        var remote = await client.Attach(job.Id).UpdateStatusAsync();
        Assert.Equal(JobStatus.Queued, remote.Status);
    }

    [Fact]
    public async Task A_cancellation_token_can_also_cancel_the_remote_job_when_asked()
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromSeconds(30));
        using var client = ClientFixture.Client(providers);
        var job = await client.StartAsync(Request(), "replicate");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitForCompletionAsync(cancellationToken: stop.Token, cancelRemoteJobOnCancel: true));

        Assert.Equal(JobStatus.Canceled, (await client.Attach(job.Id).UpdateStatusAsync()).Status);
    }

    [Theory]
    [InlineData("replicate")]
    [InlineData("core-today")]
    [InlineData("bfl")]
    [InlineData("vtrix")]
    [InlineData("fal")]
    [InlineData("magnific")]
    public async Task A_new_client_re_attaches_to_a_saved_job_id(string providerId)
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromMilliseconds(100));
        string saved;
        using (var first = ClientFixture.Client(providers))
        {
            saved = (await first.StartAsync(Request(), providerId)).Id;
        }

        using var second = ClientFixture.Client(providers);
        var job = second.Attach(saved);
        await job.WaitForCompletionAsync();

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.Equal(new ImageSize(512, 384), ImageDimensions.Read(await job.DownloadAsync()));
    }

    [Fact]
    public async Task Outputs_download_to_a_file_and_nothing_else_is_written()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var directory = Directory.CreateTempSubdirectory("fluxspecs-");
        try
        {
            var job = await client.GenerateAsync(Request() with { OutputFormat = Flux2ProOutputFormat.Png }, "bfl");
            var path = Path.Combine(directory.FullName, "out.png");

            await job.DownloadToFileAsync(path);

            Assert.Equal([path], Directory.GetFiles(directory.FullName));
            Assert.Equal(ImageFormat.Png, ImageFormats.Sniff(await File.ReadAllBytesAsync(path)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_output_larger_than_the_cap_is_refused()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var options = ClientFixture.Options(providers);
        options.MaxDownloadBytes = 100;
        using var client = new FluxSpecsClient(options);
        var job = await client.GenerateAsync(Request(), "bfl");

        var exception = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());

        Assert.Contains("100-byte limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_outputs_are_refused_unless_loopback_is_allowed()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        var options = ClientFixture.Options(providers);
        options.AllowLoopbackHttp = false;
        using var client = new FluxSpecsClient(options);
        var job = await client.GenerateAsync(Request(), "bfl");

        var exception = await Assert.ThrowsAsync<DownloadException>(() => job.DownloadAsync());

        Assert.Contains("outputs must come over https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_job_throws_with_the_providers_message_and_says_it_may_have_charged()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:fail;message=out of memory");
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<JobFailedException>(() => client.GenerateAsync(Request(), "replicate"));

        Assert.Contains("out of memory", exception.Message, StringComparison.Ordinal);
        Assert.True(exception.MayHaveCharged);
    }

    [Fact]
    public async Task A_moderated_bfl_job_throws_and_says_nothing_was_charged()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:moderate=request");
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<JobModeratedException>(() => client.GenerateAsync(Request(), "bfl"));

        Assert.False(exception.MayHaveCharged);
        Assert.Equal("Request Moderated", exception.State.ProviderStatus);
    }

    [Theory]
    [InlineData("replicate", "E005")]
    [InlineData("core-today", null)]
    [InlineData("vtrix", "content_moderated")]
    [InlineData("fal", "content_policy_violation")]
    [InlineData("lumenfall", "CONTENT_POLICY_VIOLATION")]
    public async Task A_job_a_provider_reports_as_failed_by_moderation_throws_moderated(string providerId, string? code)
    {
        await using var providers = await EmulatedProviders.StartAsync("create:moderate");
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<JobModeratedException>(() => client.GenerateAsync(Request(), providerId));

        Assert.Equal(JobStatus.Moderated, exception.State.Status);
        Assert.Equal(code, exception.State.ErrorCode);
        Assert.False(string.IsNullOrEmpty(exception.State.ErrorMessage));
    }

    [Fact]
    public async Task Magnific_documents_no_moderated_status_so_a_moderated_task_is_failed()
    {
        await using var providers = await EmulatedProviders.StartAsync("create:moderate");
        using var client = ClientFixture.Client(providers);

        await Assert.ThrowsAsync<JobFailedException>(() => client.GenerateAsync(Request(), "magnific"));
    }

    [Fact]
    public async Task An_invalid_request_is_refused_before_anything_is_sent()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var exception = await Assert.ThrowsAsync<Errors.RequestValidationException>(() => client.StartAsync(Request() with { Width = 2000 }, "magnific"));

        Assert.False(exception.MayHaveCharged);
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public void A_provider_without_a_key_names_the_variable_to_set()
    {
        using var client = new FluxSpecsClient(new FluxSpecsOptions());

        var exception = Assert.Throws<InvalidOperationException>(() => client.Protocol("vtrix"));

        Assert.Equal("No API key for vtrix: set VTRIX_API_KEY or FluxSpecsOptions.Providers[\"vtrix\"].ApiKey.", exception.Message);
    }

    [Fact]
    public async Task The_job_carries_the_estimate_next_to_the_reported_cost()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);

        var job = await client.GenerateAsync(new Flux2ProRequest { Prompt = "x" }, "bfl");

        Assert.Equal(3m, job.Estimate?.Credits);
        Assert.Equal(3m, job.Cost?.Actual?.Amount);
        Assert.Equal(0m, job.Cost?.DifferenceUsd);
    }
}

/// <summary>Reports on the caller's thread, so a test sees every report before the awaited call returns.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

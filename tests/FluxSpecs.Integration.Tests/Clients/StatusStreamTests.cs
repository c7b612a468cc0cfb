using System.Collections.Concurrent;
using FluxSpecs.Clients;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>
/// Waiting on fal's status stream: the job ends when the provider pushes COMPLETED, a broken stream falls back to polling
/// without losing the job or repeating the create, and a canceled token stops the wait.
/// </summary>
public sealed class StatusStreamTests
{
    private static readonly TimeSpan Queue = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Run = TimeSpan.FromMilliseconds(400);

    private static Flux2ProRequest Request() => new() { Prompt = "a lighthouse at dusk", AspectRatio = Flux2ProAspectRatio.Custom, Width = 512, Height = 384 };

    [Fact]
    public async Task A_wait_on_the_stream_sends_fewer_requests_than_polling_and_no_poll()
    {
        var (streamed, streamedRequests) = await WaitAsync(faults: null);
        var (polled, polledRequests) = await WaitAsync(faults: "stream:503");

        Assert.Equal(JobStatus.Succeeded, streamed.Status);
        Assert.Equal(JobStatus.Succeeded, polled.Status);
        Assert.NotEmpty(streamed.Outputs);

        // Create, the stream, the result: nothing else.
        Assert.Equal(["POST", "GET /status/stream", "GET /result"], streamedRequests);
        Assert.Contains("GET /status", polledRequests);
        Assert.True(streamedRequests.Count < polledRequests.Count, $"streamed {streamedRequests.Count} requests, polled {polledRequests.Count}");
    }

    [Theory]
    [InlineData("stream:drop")]
    [InlineData("stream:garbage")]
    public async Task A_stream_broken_mid_way_falls_back_to_polling_and_completes_with_one_create(string faults)
    {
        // The emulator's clock stands still until the client has the stream's first event, so the break (in place of the
        // second event, when the job starts) comes mid-way however slow the machine is.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var providers = await EmulatedProviders.StartAsync(faults, TimeSpan.FromSeconds(1), clock, runTime: TimeSpan.FromSeconds(1));
        var requests = new ConcurrentQueue<string>();
        using var client = Client(providers, requests);
        var job = await client.StartAsync(Request(), "fal");
        var seen = new List<JobState>();
        var firstEvent = new TaskCompletionSource();

        // The create gives no queue position; the stream's first event does.
        var waiting = job.WaitForCompletionAsync(new SynchronousProgress<JobState>(s =>
        {
            seen.Add(s);
            if (s.QueuePosition is not null)
            {
                firstEvent.TrySetResult();
            }
        }));
        await firstEvent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var step = 0; step < 2000 && !waiting.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(waiting, Task.Delay(10));
        }

        var state = await waiting;
        Assert.Equal(JobStatus.Succeeded, state.Status);
        Assert.NotEmpty(state.Outputs);
        Assert.Equal(JobStatus.Queued, seen[0].Status);
        Assert.Equal(JobStatus.Succeeded, seen[^1].Status);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
        Assert.Equal(1, requests.Count(r => r == "POST"));
        Assert.Equal(1, requests.Count(r => r == "GET /status/stream"));
        Assert.Contains("GET /status", requests);
    }

    [Fact]
    public async Task A_stream_that_cannot_be_opened_falls_back_to_polling()
    {
        await using var providers = await EmulatedProviders.StartAsync("stream:429", Queue, runTime: Run);
        var requests = new ConcurrentQueue<string>();
        using var client = Client(providers, requests);
        var job = await client.StartAsync(Request(), "fal");

        var state = await job.WaitForCompletionAsync();

        Assert.Equal(JobStatus.Succeeded, state.Status);
        Assert.Equal(1, requests.Count(r => r == "GET /status/stream"));
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
    }

    [Theory]
    [InlineData("create:fail;message=out of memory", JobStatus.Failed)]
    [InlineData("create:moderate", JobStatus.Moderated)]
    public async Task A_job_that_ends_badly_is_read_from_the_stream(string faults, JobStatus expected)
    {
        await using var providers = await EmulatedProviders.StartAsync(faults, Queue, runTime: Run);
        var requests = new ConcurrentQueue<string>();
        using var client = Client(providers, requests);
        var job = await client.StartAsync(Request(), "fal");

        var state = await job.WaitForCompletionAsync();

        Assert.Equal(expected, state.Status);
        Assert.DoesNotContain("GET /status", requests);
    }

    [Fact]
    public async Task A_wait_without_a_practical_timeout_still_listens_to_the_stream()
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: Queue, runTime: Run);
        var requests = new ConcurrentQueue<string>();
        var options = ClientFixture.Options(providers);
        options.Polling.Timeout = TimeSpan.MaxValue;
        using var client = Client(options, requests);
        var job = await client.StartAsync(Request(), "fal");

        var state = await job.WaitForCompletionAsync();

        Assert.Equal(JobStatus.Succeeded, state.Status);
        Assert.DoesNotContain("GET /status", requests);
    }

    [Theory]
    [InlineData(false, JobStatus.Queued)]
    [InlineData(true, JobStatus.Canceled)]
    public async Task A_canceled_token_stops_a_wait_on_the_stream(bool cancelRemoteJob, JobStatus remoteAfter)
    {
        await using var providers = await EmulatedProviders.StartAsync(queueTime: TimeSpan.FromMinutes(10));
        var requests = new ConcurrentQueue<string>();
        using var client = Client(providers, requests);
        var job = await client.StartAsync(Request(), "fal");
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<JobState>(_ =>
        {
            // The first state reported: the wait is under way.
            stop.CancelAfter(TimeSpan.FromMilliseconds(100));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitForCompletionAsync(progress, cancelRemoteJob, stop.Token));

        var remote = await client.Attach(job.Id).UpdateStatusAsync();
        Assert.Equal(remoteAfter, remote.Status);
        Assert.Equal(1, providers.Server.Jobs.TotalCreates);
    }

    /// <summary>One fal job on its own emulator, waited for; the requests the client sent, as method and kind.</summary>
    private static async Task<(JobState State, List<string> Requests)> WaitAsync(string? faults)
    {
        await using var providers = await EmulatedProviders.StartAsync(faults, Queue, runTime: Run);
        var requests = new ConcurrentQueue<string>();
        using var client = Client(providers, requests);
        var job = await client.StartAsync(Request(), "fal");
        var state = await job.WaitForCompletionAsync();
        return (state, [.. requests]);
    }

    /// <summary>A client whose every HTTP attempt (retries included) is written to <paramref name="requests"/>.</summary>
    private static FluxSpecsClient Client(EmulatedProviders providers, ConcurrentQueue<string> requests) =>
        Client(ClientFixture.Options(providers), requests);

    private static FluxSpecsClient Client(FluxSpecsOptions options, ConcurrentQueue<string> requests)
    {
        var handler = FluxSpecsHttp.CreateHandler(options, NullLogger.Instance, new RecordingHandler(requests) { InnerHandler = FluxSpecsHttp.CreatePrimaryHandler() });
        return new FluxSpecsClient(options, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, NullLoggerFactory.Instance);
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> requests) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            requests.Enqueue(request.Method == HttpMethod.Get
                ? "GET " + (path.EndsWith("/status/stream", StringComparison.Ordinal) ? "/status/stream" : path.EndsWith("/status", StringComparison.Ordinal) ? "/status" : "/result")
                : request.Method.Method);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Emulator.Tests.Providers;

/// <summary>
/// Replicate's <c>Cancel-After</c> create header: the prediction is canceled that long after its creation, <c>aborted</c>
/// when it had not started yet. On a fake clock, so the deadline passes when the test says.
/// </summary>
public sealed class ReplicateCancelAfterTests
{
    private const string Create = "v1/models/black-forest-labs/flux-2-pro/predictions";

    private static JsonObject Body() => new()
    {
        ["input"] = new JsonObject { ["prompt"] = "a lighthouse at dusk", ["aspect_ratio"] = "custom", ["width"] = 256, ["height"] = 256 },
    };

    private static FakeTimeProvider Clock() => new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static Dictionary<string, string> CancelAfter(string value) => new() { ["Cancel-After"] = value };

    [Fact]
    public async Task A_running_prediction_is_canceled_when_its_cancel_after_passes()
    {
        var clock = Clock();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock, QueueTime = TimeSpan.FromSeconds(1), RunTime = TimeSpan.FromMinutes(10) });
        using var client = TestHttpClients.For(server, "replicate");
        var (status, created, _) = await Http.PostAsync(client, Create, Body(), headers: CancelAfter("1m30s"));
        Assert.Equal(HttpStatusCode.Created, status);
        var get = Http.Str(created!["urls"]!["get"]);

        clock.Advance(TimeSpan.FromSeconds(89));
        var (_, before, _) = await Http.GetAsync(client, get);
        Assert.Equal("processing", Http.Str(before!["status"]));

        clock.Advance(TimeSpan.FromSeconds(1));
        var job = Assert.Single(server.Jobs.Jobs);
        await job.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        var (_, after, _) = await Http.GetAsync(client, get);

        Assert.Equal("canceled", Http.Str(after!["status"]));
        Assert.Equal(job.CreatedAt + TimeSpan.FromSeconds(90), job.CanceledAt);
        Assert.NotNull(after["started_at"]);
    }

    [Fact]
    public async Task A_prediction_whose_deadline_passes_in_the_queue_is_aborted_and_a_bare_number_is_seconds()
    {
        var clock = Clock();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock, QueueTime = TimeSpan.FromMinutes(5), RunTime = TimeSpan.FromMinutes(1) });
        using var client = TestHttpClients.For(server, "replicate");
        var (_, created, _) = await Http.PostAsync(client, Create, Body(), headers: CancelAfter("30"));

        clock.Advance(TimeSpan.FromSeconds(30));
        var job = Assert.Single(server.Jobs.Jobs);
        await job.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        var (_, after, _) = await Http.GetAsync(client, Http.Str(created!["urls"]!["get"]));

        Assert.Equal("aborted", Http.Str(after!["status"]));
        Assert.Null(after["started_at"]);
    }

    [Fact]
    public async Task A_prediction_that_ends_before_its_deadline_succeeds()
    {
        var clock = Clock();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock, QueueTime = TimeSpan.FromSeconds(1), RunTime = TimeSpan.FromSeconds(10) });
        using var client = TestHttpClients.For(server, "replicate");
        var (_, created, _) = await Http.PostAsync(client, Create, Body(), headers: CancelAfter("1h"));

        clock.Advance(TimeSpan.FromSeconds(11));
        var job = Assert.Single(server.Jobs.Jobs);
        await job.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromHours(1));
        var (_, after, _) = await Http.GetAsync(client, Http.Str(created!["urls"]!["get"]));

        Assert.Equal("succeeded", Http.Str(after!["status"]));
        Assert.Null(job.CanceledAt);
    }

    [Theory]
    [InlineData("4s")]
    [InlineData("1 minute")]
    [InlineData("5x")]
    [InlineData("m")]
    public async Task A_cancel_after_that_is_not_a_duration_of_at_least_5_seconds_is_refused_and_makes_no_prediction(string value)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = TestHttpClients.For(server, "replicate");

        var (status, body, _) = await Http.PostAsync(client, Create, Body(), headers: CancelAfter(value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Cancel-After", Http.Str(body!["detail"]), StringComparison.Ordinal);
        Assert.Contains(value, Http.Str(body["detail"]), StringComparison.Ordinal);
        Assert.Equal(0, server.Jobs.TotalCreates);
    }
}

using System.Text.Json;

namespace FluxSpecs.Cli.Tests;

/// <summary><c>fluxspecs batch</c> in process: usage errors before anything runs, invalid rows, exit codes.</summary>
[Collection(ProcessWideState.Name)] // one test clears a key variable
public sealed class BatchCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-batch-cli-");

    private string Input(params string[] lines)
    {
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private string Out => Path.Combine(_directory.FullName, "out");

    [Fact]
    public async Task A_valid_row_succeeds_and_an_invalid_one_is_listed_with_every_violation_exit_2()
    {
        var input = Input(
            """{"id": "ok", "model": "flux-2-pro", "request": {"prompt": "a red bicycle", "aspect_ratio": "custom", "width": 256, "height": 256}}""",
            """{"id": "bad", "model": "flux-2-pro", "provider": "bfl", "request": {"aspect_ratio": "custom", "width": 1000, "height": 768, "safety_tolerance": 9}}""");

        var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--emulate", "--json");

        Assert.Equal(2, result.ExitCode);
        var events = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var bad = events.Single(e => e.GetProperty("event").GetString() == "row" && e.GetProperty("id").GetString() == "bad");
        Assert.Equal("invalid", bad.GetProperty("status").GetString());
        var parameters = bad.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("parameter").GetString()).ToList();
        Assert.Contains("prompt", parameters);
        Assert.Contains("width", parameters);
        Assert.Contains("safety_tolerance", parameters);
        var summary = events.Last();
        Assert.Equal(1, summary.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, summary.GetProperty("invalid").GetInt32());
        var image = Assert.Single(Directory.GetFiles(Out, "ok.*"));
        Assert.NotNull(Images.ImageFormats.Sniff(File.ReadAllBytes(image)));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Out, "results.jsonl")).Length);
    }

    [Fact]
    public async Task Json_row_events_carry_the_batch_progress_from_first_to_last_row()
    {
        var input = Input(
            """{"id": "a", "model": "flux-2-pro", "request": {"prompt": "a red bicycle", "aspect_ratio": "custom", "width": 256, "height": 256}}""",
            """{"id": "b", "model": "flux-2-pro", "request": {"prompt": "a blue bicycle", "aspect_ratio": "custom", "width": 256, "height": 256}}""",
            """{"id": "bad", "model": "flux-2-pro", "request": {"prompt": "x", "aspect_ratio": "custom", "width": 1000, "height": 256}}""");

        var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--emulate", "--json");

        var rows = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "row").ToList();
        Assert.Equal(3, rows.Count);
        var progress = rows.Select(r => r.GetProperty("progress")).ToList();
        Assert.Equal([1, 2, 3], progress.Select(p => p.GetProperty("done").GetInt32()));
        Assert.All(progress, p => Assert.Equal(3, p.GetProperty("total").GetInt32()));
        Assert.Equal(1, progress[^1].GetProperty("not_succeeded").GetInt32());
        Assert.Equal(0, progress[^1].GetProperty("running").GetInt32());
        Assert.Equal(0, progress[^1].GetProperty("time_left_seconds").GetDouble());

        // The invalid row sends nothing, so it gives no rate (ending first, as it does, it has none); each sent row's end does.
        var bad = rows.FindIndex(r => r.GetProperty("id").GetString() == "bad");
        if (bad == 0)
        {
            Assert.Equal(JsonValueKind.Null, progress[0].GetProperty("rows_per_minute").ValueKind);
        }

        Assert.All(progress.Where((_, i) => i != bad), p => Assert.True(p.GetProperty("rows_per_minute").GetDouble() > 0));
        Assert.True(progress[^1].GetProperty("elapsed_seconds").GetDouble() > 0);
    }

    [Fact]
    public void The_progress_line_shows_done_running_not_succeeded_spend_rate_and_time_left()
    {
        var state = new FluxSpecs.Batches.BatchProgress
        {
            Total = 10_000, Done = 2_500, Running = 48, NotSucceeded = 12, SpendUsd = 75.5m,
            RowsPerMinute = 1_234.56, TimeLeft = TimeSpan.FromSeconds(3_646),
        };

        Assert.Equal("2500/10000 done, 48 running, 12 not succeeded, spend $75.5, 1234.6 rows/min, 1h 00m left", Commands.BatchCommand.Describe(state, 10_000));
        Assert.Equal("0/3 done, 0 running, 0 not succeeded, spend $0, - rows/min, time left unknown",
            Commands.BatchCommand.Describe(state with { Total = 3, Done = 0, Running = 0, NotSucceeded = 0, SpendUsd = 0, RowsPerMinute = null, TimeLeft = null }, 3));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(41.2, "42s")]
    [InlineData(185, "3m 05s")]
    [InlineData(7_620, "2h 07m")]
    [InlineData(273_600, "3d 04h")]
    public void Time_left_reads_in_the_largest_two_units(double seconds, string expected) =>
        Assert.Equal(expected, Commands.BatchCommand.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("not json", "line 1")]
    [InlineData("""{"model": "flux-2-pro", "request": {"prompt": "x"}}""", "\"id\" is required")]
    [InlineData("""{"id": "a", "model": "flux-2-pro", "provider": ["bfl", 3], "request": {"prompt": "x"}}""", "provider ids as strings")]
    [InlineData("""{"id": "a", "model": "flux-2-pro", "provider": "local,bfl", "request": {"prompt": "x"}}""", "local runs alone")]
    [InlineData("""{"id": "a", "model": "flux-2-pro", "budget": 3, "request": {"prompt": "x"}}""", "unknown key 'budget'")]
    public async Task A_malformed_input_is_a_usage_error_naming_the_problem_and_nothing_runs(string line, string expected)
    {
        var result = await Cli.RunAsync("batch", "--input", Input(line), "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public async Task A_bad_concurrency_is_a_usage_error_naming_option_and_value(string value)
    {
        var input = Input("""{"id": "a", "model": "flux-2-pro", "request": {"prompt": "x"}}""");

        var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--concurrency", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--concurrency", result.Error, StringComparison.Ordinal);
        Assert.Contains(value, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_provider_without_its_key_fails_the_row_naming_the_variable_and_sends_nothing()
    {
        var previous = Environment.GetEnvironmentVariable("MAGNIFIC_API_KEY");
        Environment.SetEnvironmentVariable("MAGNIFIC_API_KEY", null);
        try
        {
            var input = Input("""{"id": "a", "model": "flux-2-pro", "provider": "magnific", "request": {"prompt": "x"}}""");

            var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--json");

            Assert.Equal(4, result.ExitCode);
            Assert.Contains("MAGNIFIC_API_KEY", result.Out, StringComparison.Ordinal);
            Assert.Contains("Nothing was sent", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MAGNIFIC_API_KEY", previous);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

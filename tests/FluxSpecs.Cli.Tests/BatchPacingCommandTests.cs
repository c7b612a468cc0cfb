using System.Text.Json;

namespace FluxSpecs.Cli.Tests;

/// <summary><c>fluxspecs batch</c>'s pacing and deadline options and a row's <c>"deadline"</c>: read, checked, passed on.</summary>
public sealed class BatchPacingCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-batch-pacing-cli-");

    private string Input(params string[] lines)
    {
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private string Out => Path.Combine(_directory.FullName, "out");

    private const string Row = """{"id": "a", "model": "flux-2-pro", "request": {"prompt": "a red bicycle", "aspect_ratio": "custom", "width": 256, "height": 256}}""";

    [Theory]
    [InlineData("--creates-per-second", "0", "number of creates per second")]
    [InlineData("--creates-per-second", "fast", "number of creates per second")]
    [InlineData("--creates-per-second", "bfl=-1", "number of creates per second")]
    [InlineData("--creates-per-second", "nobody=3", "is not a provider")]
    [InlineData("--deadline", "soon", "h, m, s or ms")]
    [InlineData("--deadline", "0s", "above zero")]
    [InlineData("--deadline", "-5s", "above zero")]
    [InlineData("--rate-limit-retries", "-1", "0 to 100")]
    [InlineData("--rate-limit-retries", "lots", "0 to 100")]
    [InlineData("--rate-limit-retries", "101", "0 to 100")]
    public async Task A_bad_pacing_or_deadline_option_is_a_usage_error_naming_option_value_and_rule(string option, string value, string rule)
    {
        var result = await Cli.RunAsync("batch", "--input", Input(Row), "--out", Out, "--emulate", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.Contains(value, result.Error, StringComparison.Ordinal);
        Assert.Contains(rule, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("true")]
    public async Task A_bad_row_deadline_is_a_usage_error_naming_the_line_and_value(string deadline)
    {
        var line = $$$"""{"id": "a", "model": "flux-2-pro", "deadline": {{{deadline}}}, "request": {"prompt": "x"}}""";

        var result = await Cli.RunAsync("batch", "--input", Input(Row.Replace("\"a\"", "\"first\"", StringComparison.Ordinal), line), "--out", Out, "--emulate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"deadline\" is " + deadline.Trim('"'), result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Pacing_and_deadlines_that_leave_time_enough_run_the_batch()
    {
        var input = Input(Row, Row.Replace("\"a\"", "\"b\"", StringComparison.Ordinal).Replace("\"model\"", "\"deadline\": \"90s\", \"model\"", StringComparison.Ordinal));

        var result = await Cli.RunAsync(
            "batch", "--input", input, "--out", Out, "--emulate", "--json",
            "--creates-per-second", "50,bfl=20", "--rate-limit-retries", "0", "--deadline", "5m");

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(Out, "results.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(lines, line =>
        {
            Assert.Equal("succeeded", line.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("reason").ValueKind);
        });
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

using System.Text.Json;

namespace FluxSpecs.Cli.Tests;

/// <summary><c>fluxspecs batch</c> with <c>--max-cost</c>, <c>--allow-unpriced</c>, provider lists and <c>cheapest</c>.</summary>
[Collection(ProcessWideState.Name)] // one test sets the emulator's fault variable
public sealed class BatchBudgetFailoverCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-batch-budget-cli-");

    private string Out => Path.Combine(_directory.FullName, "out");

    private string Input(params string[] lines)
    {
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Line(string id, string? provider = null) =>
        "{\"id\": \"" + id + "\", \"model\": \"flux-2-pro\"" + (provider is null ? "" : ", \"provider\": " + provider)
        + ", \"request\": {\"prompt\": \"a kite, " + id + "\", \"aspect_ratio\": \"custom\", \"width\": 256, \"height\": 256}}";

    private static List<JsonElement> Events(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    private List<JsonElement> Results() =>
        [.. File.ReadAllLines(Path.Combine(Out, "results.jsonl")).Select(line => JsonDocument.Parse(line).RootElement)];

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("$5")]
    [InlineData("1e3")]
    [InlineData("2,50")]
    public async Task A_bad_max_cost_is_a_usage_error_naming_option_value_and_rule(string value)
    {
        var result = await Cli.RunAsync("batch", "--input", Input(Line("a")), "--out", Out, "--max-cost", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-cost: '" + value + "'", result.Error, StringComparison.Ordinal);
        Assert.Contains("above 0", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Allow_unpriced_without_a_budget_is_a_usage_error()
    {
        var result = await Cli.RunAsync("batch", "--input", Input(Line("a")), "--out", Out, "--allow-unpriced");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--allow-unpriced", result.Error, StringComparison.Ordinal);
        Assert.Contains("--max-cost", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_past_the_budget_are_skipped_with_the_reason_and_the_batch_exits_4()
    {
        var input = Input(Line("a", "\"bfl\""), Line("b", "\"bfl\""), Line("c", "\"bfl\""), Line("d", "\"vtrix\""));

        var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--emulate", "--concurrency", "1", "--max-cost", "0.06", "--json");

        Assert.Equal(4, result.ExitCode);
        var summary = Events(result.Out).Last();
        Assert.Equal(2, summary.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(0.06m, summary.GetProperty("max_cost").GetDecimal());
        Assert.Equal(0.06m, summary.GetProperty("spend").GetDecimal());
        var lines = Results();
        var budget = lines.Single(l => l.GetProperty("id").GetString() == "c");
        Assert.Equal(("skipped", "budget"), (budget.GetProperty("status").GetString(), budget.GetProperty("reason").GetString()));
        Assert.Contains("budget of $0.06", budget.GetProperty("error").GetString(), StringComparison.Ordinal);
        var unpriced = lines.Single(l => l.GetProperty("id").GetString() == "d");
        Assert.Equal(("skipped", "unpriced"), (unpriced.GetProperty("status").GetString(), unpriced.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, lines.Single(l => l.GetProperty("id").GetString() == "a").GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task A_row_fails_over_to_its_next_provider_and_results_list_every_attempt()
    {
        Environment.SetEnvironmentVariable("FLUXSPECS_EMULATOR_FAULTS", "create:422;provider=bfl");
        try
        {
            var input = Input(Line("listed", "[\"bfl\", \"fal\"]"), Line("commas", "\"bfl,replicate\""));

            var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--emulate", "--json");

            Assert.Equal(0, result.ExitCode);
            var lines = Results();
            Assert.Equal(["fal", "replicate"], lines.Select(l => l.GetProperty("provider").GetString()));
            foreach (var line in lines)
            {
                var attempts = line.GetProperty("attempts");
                Assert.Equal(2, attempts.GetArrayLength());
                Assert.Equal(("bfl", "refused", 422), (attempts[0].GetProperty("provider").GetString(), attempts[0].GetProperty("outcome").GetString(), attempts[0].GetProperty("http_status").GetInt32()));
                Assert.Equal("created", attempts[1].GetProperty("outcome").GetString());
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLUXSPECS_EMULATOR_FAULTS", null);
        }
    }

    [Fact]
    public async Task Cheapest_as_the_default_provider_sends_each_row_to_the_cheapest_that_accepts_it()
    {
        var input = Input(Line("a"));

        var result = await Cli.RunAsync("batch", "--input", input, "--out", Out, "--emulate", "--provider", "cheapest", "--json");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(Results());
        Assert.Equal("lumenfall", line.GetProperty("provider").GetString());
        Assert.Equal(0.015m, line.GetProperty("estimate").GetDecimal());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

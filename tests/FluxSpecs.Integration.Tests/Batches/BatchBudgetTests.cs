using FluxSpecs.Batches;
using static FluxSpecs.Integration.Tests.Batches.BatchTestKit;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>The batch budget against the emulator: committed spend, rows running at once, resumed spend, unpriced providers.</summary>
public sealed class BatchBudgetTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("fluxspecs-budget-");

    [Fact]
    public async Task The_budget_stops_exactly_at_its_limit_with_every_row_running_at_once()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        var rows = Enumerable.Range(1, 10).Select(i => Row("r" + i, "bfl")).ToList();

        // Ten rows of $0.03 may all start at once; $0.12 takes exactly four of them.
        var results = await new BatchRunner(client, Options(_output, maxCost: 0.12m, concurrency: 10)).RunRowsAsync(rows);

        Assert.Equal(4, results.Count(r => r.Status == BatchRowStatus.Succeeded));
        var skipped = results.Where(r => r.Status == BatchRowStatus.Skipped).ToList();
        Assert.Equal(6, skipped.Count);
        Assert.Equal(4, emulator.Jobs.TotalCreateAttempts);
        Assert.Equal(0.12m, results.Sum(r => r.CostUsd ?? 0));
        Assert.All(skipped, r =>
        {
            Assert.Equal(BatchRowReason.Budget, r.Reason);
            Assert.Null(r.JobHandle);
            Assert.Empty(r.Attempts);
            Assert.Contains("estimate of $0.03", r.Error, StringComparison.Ordinal);
            Assert.Contains("committed spend of $0.12", r.Error, StringComparison.Ordinal);
            Assert.Contains("budget of $0.12", r.Error, StringComparison.Ordinal);
        });

        // A skipped row leaves no intent behind, so a later run may send it.
        var journal = await JournalAsync(_output);
        Assert.Equal(4, journal.Count);
        Assert.All(skipped, r => Assert.False(journal.ContainsKey(r.Id)));
        var line = ResultLines(_output).First(l => l.GetProperty("status").GetString() == "skipped");
        Assert.Equal("budget", line.GetProperty("reason").GetString());
        Assert.Equal(0, line.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Spend_recorded_by_an_earlier_run_counts_when_the_batch_runs_again()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        var rows = Enumerable.Range(1, 5).Select(i => Row("r" + i, "bfl")).ToList();

        var first = await new BatchRunner(client, Options(_output, maxCost: 0.06m)).RunRowsAsync(rows);
        var second = await new BatchRunner(client, Options(_output, maxCost: 0.09m)).RunRowsAsync(rows);

        Assert.Equal(2, first.Count(r => r.Status == BatchRowStatus.Succeeded));
        Assert.Equal(3, first.Count(r => r.Status == BatchRowStatus.Skipped));

        // $0.06 is already spent: $0.09 leaves room for one more row, and the two that ran are not run again.
        Assert.Equal(3, second.Count(r => r.Status == BatchRowStatus.Succeeded));
        Assert.Equal(2, second.Count(r => r.FromJournal));
        Assert.Equal(2, second.Count(r => r.Status == BatchRowStatus.Skipped));
        Assert.Equal(3, emulator.Jobs.TotalCreateAttempts);
        Assert.All(second.Where(r => r.Status == BatchRowStatus.Skipped), r => Assert.Contains("committed spend of $0.09", r.Error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vtrix")]
    [InlineData("magnific")]
    public async Task Rows_on_an_unpriced_provider_are_skipped_under_a_budget_unless_allowed(string provider)
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);

        var refused = Assert.Single(await new BatchRunner(client, Options(_output, maxCost: 1m)).RunRowsAsync([Row("a", provider)]));

        Assert.Equal(BatchRowStatus.Skipped, refused.Status);
        Assert.Equal(BatchRowReason.Unpriced, refused.Reason);
        Assert.Contains(provider + " publishes no price in US dollars", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-unpriced", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, emulator.Jobs.TotalCreateAttempts);
        Assert.Equal("unpriced", Assert.Single(ResultLines(_output)).GetProperty("reason").GetString());

        var allowed = Assert.Single(await new BatchRunner(client, Options(_output, maxCost: 1m, allowUnpriced: true)).RunRowsAsync([Row("a", provider)]));

        Assert.Equal(BatchRowStatus.Succeeded, allowed.Status);
        Assert.Equal(1, emulator.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task An_unpriced_job_that_reports_its_cost_counts_toward_the_budget_once_it_ends()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);

        var first = Assert.Single(await new BatchRunner(client, Options(_output, maxCost: 0.03m, allowUnpriced: true)).RunRowsAsync([Row("unpriced", "vtrix")]));
        Assert.Equal(BatchRowStatus.Succeeded, first.Status);
        Assert.True(first.CostUsd > 0, "the emulator's Vtrix reports usage.cost");

        // Its reported cost is committed spend now, so a $0.03 row no longer fits a $0.03 budget.
        var second = await new BatchRunner(client, Options(_output, maxCost: 0.03m, allowUnpriced: true)).RunRowsAsync([Row("unpriced", "vtrix"), Row("priced", "bfl")]);

        Assert.True(second[0].FromJournal);
        Assert.Equal(BatchRowStatus.Skipped, second[1].Status);
        Assert.Equal(BatchRowReason.Budget, second[1].Reason);
        Assert.Equal(1, emulator.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public void A_negative_budget_is_refused_naming_the_option()
    {
        using var client = new FluxSpecs.Clients.FluxSpecsClient();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchRunner(client, Options(_output, maxCost: -1m)));

        Assert.Contains("MaxCostUsd", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _output.Delete(recursive: true);
    }
}

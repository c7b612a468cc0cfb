using System.Collections.Concurrent;
using FluxSpecs.Batches;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>A batch run seen row by row, as the tests read it.</summary>
internal static class BatchRunnerExtensions
{
    /// <summary>
    /// Runs <paramref name="rows"/> and gives each row's result in input order, as it was reported when the row ended;
    /// first checks that the summary counts exactly those results and that <c>results.jsonl</c> holds exactly their lines,
    /// in input order.
    /// </summary>
    public static async Task<IReadOnlyList<BatchRowResult>> RunRowsAsync(this BatchRunner runner, IReadOnlyList<BatchRow> rows, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ended = new ConcurrentDictionary<string, BatchRowResult>(StringComparer.Ordinal);
        var summary = await runner.RunAsync(rows, new Collector(ended, progress), cancellationToken);
        var results = rows.Select(row => ended[row.Id]).ToList();
        Assert.Equal(rows.Count, summary.Rows);
        foreach (var status in Enum.GetValues<BatchRowStatus>())
        {
            Assert.Equal(results.Count(result => result.Status == status), summary.Count(status));
        }

        Assert.Equal(results.Sum(r => r.CostUsd ?? (r.Status == BatchRowStatus.Succeeded ? r.EstimateUsd ?? 0 : 0)), summary.SpendUsd);
        Assert.Equal(results.Select(result => result.ToJson()), await File.ReadAllLinesAsync(summary.ResultsPath, cancellationToken));
        return results;
    }

    /// <summary>Keeps each ended row (reported synchronously, under the runner's lock) and passes every report on.</summary>
    private sealed class Collector(ConcurrentDictionary<string, BatchRowResult> ended, IProgress<BatchProgress>? next) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            if (value.Row is { } row)
            {
                Assert.True(ended.TryAdd(row.Id, row), $"Row '{row.Id}' was reported as ended twice.");
            }

            next?.Report(value);
        }
    }
}

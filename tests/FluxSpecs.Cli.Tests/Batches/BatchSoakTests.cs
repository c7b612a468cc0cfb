using System.Globalization;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>
/// The batch soak of issue 17 (docs/security.md, "Batch soak"): <c>fluxspecs batch</c> over every provider and shipped
/// model against <c>fluxspecs emulator</c> with faults on every kind of call, killed with SIGKILL and resumed until it
/// completes. The test command runs a slice; the same test scales up through environment variables:
/// <c>FLUXSPECS_BATCH_SOAK_ROWS</c> (default 280), <c>_KILLS</c> (2), <c>_FAULTS</c> (a plan, or <c>none</c>),
/// <c>_QUEUE_MS</c> (50), <c>_RUN_MS</c> (400), <c>_CONCURRENCY</c> (8 per provider), <c>_SEED</c> (17),
/// <c>_CREATES_PER_SECOND</c> (each provider's documented limit), <c>_BASELINE</c> (<c>1</c>: first the same rows through a
/// plain client loop, for the throughput figures). Each run's figures go to <c>.artifacts/batch-soak/</c>.
/// </summary>
[Collection(BatchSoakCollection.Name)]
public sealed class BatchSoakTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-batch-soak-");

    [Fact]
    public async Task A_batch_over_every_provider_with_faults_killed_and_resumed_ends_each_row_once_creates_nothing_twice_and_loses_no_image()
    {
        var settings = new BatchSoakSettings(
            Rows: Number("ROWS", 280),
            Kills: Number("KILLS", 2),
            Faults: System.Environment.GetEnvironmentVariable("FLUXSPECS_BATCH_SOAK_FAULTS") switch
            {
                null or "" => BatchSoakSettings.EveryKindOfCall,
                "none" => null,
                var plan => plan,
            },
            QueueMs: Number("QUEUE_MS", 50),
            RunMs: Number("RUN_MS", 400),
            Concurrency: Number("CONCURRENCY", 8),
            Seed: Number("SEED", 17),
            CreatesPerSecond: System.Environment.GetEnvironmentVariable("FLUXSPECS_BATCH_SOAK_CREATES_PER_SECOND") is { Length: > 0 } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
            Baseline: System.Environment.GetEnvironmentVariable("FLUXSPECS_BATCH_SOAK_BASELINE") == "1");

        var report = await BatchSoak.RunAsync(settings, _directory.FullName);

        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryRootAttribute.Value, ".artifacts", "batch-soak"));
        await File.WriteAllTextAsync(Path.Combine(artifacts.FullName, $"soak-{settings.Rows}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json"), report.ToJson());
        Assert.True(report.Problems.Count == 0, report + "\n" + string.Join("\n", report.Problems));
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.JournalProblems);
        Assert.True(report.Runs.Count(r => r.Killed) >= settings.Kills, report.ToString());

        // Every provider and every shipped model took part, and most rows succeeded despite the faults.
        Assert.Equal(Emulator.EmulatorEndpointExtensions.ProviderIdsServed.Order(StringComparer.Ordinal), report.RowsPerProvider.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Models.ModelCatalog.Models.Select(m => m.Id).Order(StringComparer.Ordinal), report.Models);
        Assert.True(report.Statuses.GetValueOrDefault("succeeded") > settings.Rows / 2, report.ToString());
    }

    private static int Number(string name, int fallback) =>
        System.Environment.GetEnvironmentVariable("FLUXSPECS_BATCH_SOAK_" + name) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : fallback;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

/// <summary>The soak runs alone: its CPU and memory figures are its own, and it loads both cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchSoakCollection
{
    public const string Name = "Batch soak";
}

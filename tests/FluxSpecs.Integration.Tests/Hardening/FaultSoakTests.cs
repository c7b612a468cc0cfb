using System.Globalization;
using Xunit.Abstractions;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>Runs alone, so that the process's handle and socket counts are this test's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Fault soak";
}

/// <summary>
/// The fault soak: jobs on every model and provider, with faults on every kind of call. Every job ends in exactly one
/// outcome its caller sees (success, or one typed FluxSpecsException); no submit is created twice; a caller told "no
/// job was created" never has one; no task exception goes unobserved; handles and sockets come back.
/// </summary>
/// <remarks>
/// The test command runs a slice (<see cref="DefaultJobs"/> jobs). The full soak is the same test:
/// <c>FLUXSPECS_SOAK_JOBS=1000 dotnet test tests/FluxSpecs.Integration.Tests -c Release --filter FaultSoakTests</c>.
/// Figures go to <c>.artifacts/soak/</c>; docs/security.md quotes them.
/// </remarks>
[Collection(SoakCollection.Name)]
public sealed class FaultSoakTests(ITestOutputHelper output)
{
    public const int DefaultJobs = 140;

    [Fact]
    public async Task Every_job_ends_once_nothing_is_created_twice_and_nothing_leaks()
    {
        var jobs = Setting("FLUXSPECS_SOAK_JOBS", DefaultJobs);
        var concurrency = Setting("FLUXSPECS_SOAK_CONCURRENCY", 16);

        // A first short round loads and JITs what the soak uses (Kestrel, the emulator, the protocols), so that the
        // handle counts compared below are about the soak itself.
        var warmUp = await FaultSoak.RunAsync(22, concurrency, perJobLimit: TimeSpan.FromSeconds(90));
        Assert.Empty(warmUp.Problems);
        var report = await FaultSoak.RunAsync(jobs, concurrency, perJobLimit: TimeSpan.FromSeconds(90));
        var after = await FaultSoak.SettledAsync(report.Before);

        var summary = report.Summary(after);
        output.WriteLine(summary);
        var directory = Path.Combine(RepositoryRoot(), ".artifacts", "soak");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, $"fault-soak-n{jobs}.md"), summary + string.Join("\n", report.Problems));

        Assert.True(report.Problems.Count == 0, "Soak problems:\n" + string.Join("\n", report.Problems.Take(30)));
        Assert.Equal(jobs, report.Outcomes.Count);
        Assert.Equal(0, report.UnobservedTaskExceptions);
        Assert.Equal(jobs, report.EmulatorCreateAttempts);
        Assert.Contains(report.Outcomes, o => o.Kind == "succeeded");
        Assert.InRange(after.Sockets, 0, report.Before.Sockets);
        Assert.InRange(after.Handles, 0, report.Before.Handles + 16);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FluxSpecs.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }
}

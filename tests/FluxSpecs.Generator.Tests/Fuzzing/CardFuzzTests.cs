using System.Globalization;
using System.Text;
using FluxSpecs.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FluxSpecs.Generator.Tests.Fuzzing;

/// <summary>
/// Thousands of broken cards derived from the real ones go through the real generator: none may crash it, every
/// problem must be an FSPEC0xxx error inside the card, and each card must be read within a time and memory bound.
/// </summary>
/// <remarks>
/// The test command runs a quick, seeded slice. The full run is the same test with more cards:
/// <c>FLUXSPECS_FUZZ_CARDS=10000 dotnet test tests/FluxSpecs.Generator.Tests -c Release --filter CardFuzzTests</c>
/// (<c>FLUXSPECS_FUZZ_SEED</c> picks another seed, <c>FLUXSPECS_FUZZ_FROM</c> the first case, to reproduce one). The
/// figures of each run are written to <c>.artifacts/fuzz/</c>; docs/security.md quotes them.
/// </remarks>
public sealed class CardFuzzTests(ITestOutputHelper output)
{
    public const int DefaultCards = 300;
    public const int DefaultSeed = 20261121;

    /// <summary>
    /// Reading one card, however broken, takes well under this: a fixed part, plus a part linear in its size (the
    /// largest fuzzed cards are over a megabyte). A bomb or a quadratic path would not stay under it.
    /// </summary>
    public static TimeSpan MaxTime(int characters) => TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(characters * 0.004);

    /// <summary>Allocation allowed per card: a fixed part for the compiler's driver, plus a multiple of the text's size.</summary>
    public const long FixedAllocationBound = 64L * 1024 * 1024;

    public const long AllocationPerCharacter = 400;

    [Fact]
    public void Broken_cards_never_crash_the_generator_and_are_reported_inside_the_card()
    {
        var count = Setting("FLUXSPECS_FUZZ_CARDS", DefaultCards);
        var seed = Setting("FLUXSPECS_FUZZ_SEED", DefaultSeed);
        var from = Setting("FLUXSPECS_FUZZ_FROM", 0);
        var full = count > DefaultCards;
        var mutator = new CardMutator(GeneratorHarness.ShippedCards().Select(c => c.GetText().ToString()).ToList(), seed, largeInputs: full);
        // The quick slice parses all generated code and compiles a few distinct outputs; the full run compiles every one.
        var runner = new CardFuzzRunner(maxCompilations: full ? int.MaxValue : 3);

        var outcomes = new List<FuzzOutcome>(count);
        var failures = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = from; i < from + count; i++)
        {
            var outcome = runner.Run(mutator.Create(i));
            outcomes.Add(outcome);
            var problems = outcome.Problems.ToList();
            if (outcome.Elapsed > MaxTime(outcome.TextLength))
            {
                problems.Add($"took {outcome.Elapsed.TotalMilliseconds:0} ms");
            }

            if (outcome.AllocatedBytes > FixedAllocationBound + (AllocationPerCharacter * outcome.TextLength))
            {
                problems.Add($"allocated {outcome.AllocatedBytes / 1024 / 1024} MB for {outcome.TextLength} characters");
            }

            if (problems.Count > 0 && failures.Count < 20)
            {
                WriteArtifact($"failed/seed{seed}-case{i}.model.yaml", outcome.Case.Bytes);
                failures.Add($"case {i} ({outcome.Case.Recipe}): {string.Join("; ", problems)}");
            }
        }

        clock.Stop();
        var summary = Summarize(outcomes, seed, from, clock.Elapsed) + $"distinct generated outputs compiled: {runner.CompiledDistinctOutputs}\n";
        output.WriteLine(summary);
        WriteArtifact($"card-fuzz-seed{seed}-from{from}-n{count}.md", summary);
        Assert.True(failures.Count == 0, "Broken cards the generator mishandled:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void The_mutator_is_deterministic_and_varied()
    {
        var cards = GeneratorHarness.ShippedCards().Select(c => c.GetText().ToString()).ToList();
        var first = new CardMutator(cards, 7, largeInputs: false);
        var second = new CardMutator(cards, 7, largeInputs: false);

        var made = Enumerable.Range(0, 200).Select(first.Create).ToList();

        Assert.All(made, c => Assert.Equal(c.Bytes, second.Create(c.Index).Bytes));
        Assert.True(made.Select(c => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes))).Distinct().Count() > 190);
        foreach (var kind in new[] { "delete line", "duplicate line", "rename key", "value on line", "CRLF", "invalid UTF-8", "UTF-8 BOM", "alias", "deep", "tab-indent", "string of" })
        {
            Assert.True(made.Any(c => c.Recipe.Contains(kind, StringComparison.Ordinal)), "no case of " + kind);
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Summarize(IReadOnlyList<FuzzOutcome> outcomes, int seed, int from, TimeSpan total)
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        static string Mb(long b) => (b / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture);
        var times = outcomes.Select(o => o.Elapsed).Order().ToList();
        var bytes = outcomes.Select(o => o.AllocatedBytes).Order().ToList();
        var slowest = outcomes.MaxBy(o => o.Elapsed)!;
        var hungriest = outcomes.MaxBy(o => o.AllocatedBytes)!;
        var ids = outcomes.SelectMany(o => o.DiagnosticIds.Distinct()).GroupBy(id => id).OrderBy(g => g.Key, StringComparer.Ordinal);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"cards: {outcomes.Count} (seed {seed}, cases {from}–{from + outcomes.Count - 1}), total {total.TotalSeconds:0.0} s")
            .AppendLine(CultureInfo.InvariantCulture, $"mishandled: {outcomes.Count(o => o.Problems.Count > 0)}")
            .AppendLine(CultureInfo.InvariantCulture, $"accepted (code generated and compiled): {outcomes.Count(o => o.Generated)}; reported: {outcomes.Count(o => o.DiagnosticIds.Count > 0)}")
            .AppendLine(CultureInfo.InvariantCulture, $"largest card: {outcomes.Max(o => o.TextLength)} characters")
            .AppendLine(CultureInfo.InvariantCulture, $"time per card: median {Ms(times[times.Count / 2])} ms, p99 {Ms(times[(int)(times.Count * 0.99)])} ms, max {Ms(slowest.Elapsed)} ms (case {slowest.Case.Index}: {slowest.Case.Recipe})")
            .AppendLine(CultureInfo.InvariantCulture, $"allocated per card: median {Mb(bytes[bytes.Count / 2])} MB, p99 {Mb(bytes[(int)(bytes.Count * 0.99)])} MB, max {Mb(hungriest.AllocatedBytes)} MB (case {hungriest.Case.Index}: {hungriest.Case.Recipe}, {hungriest.TextLength} characters)")
            .AppendLine("cards reporting each id: " + string.Join(", ", ids.Select(g => $"{g.Key} {g.Count()}")));
        return text.ToString();
    }

    private static void WriteArtifact(string name, string text) => WriteArtifact(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Figures, and the bytes of each mishandled card, go under .artifacts/fuzz/ (ignored by git).</summary>
    private static void WriteArtifact(string name, byte[] bytes)
    {
        var path = Path.Combine(RepositoryRootAttribute.Value, ".artifacts", "fuzz", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}

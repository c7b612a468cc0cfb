using System.Text.RegularExpressions;
using FluxSpecs.Emulator;
using Xunit.Abstractions;

namespace FluxSpecs.Packaging.Tests;

/// <summary>
/// A stranger's project gets typed, validated, priced requests for a model this repository does not ship by adding one
/// package reference and one YAML file: it builds, runs a job against the emulator, and its mistakes — a bad constant,
/// a broken card — are compile errors with FluxSpecs' ids at the right place.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ConsumerProjectTests(PackedPackages packages, ITestOutputHelper output)
{
    private const string ProjectName = "AcmeApp";
    private const string CardPath = "specs/acme-glow.model.yaml";
    private const string FalKey = "consumer-test-key";

    // The emulator checks fal bodies against its own flux-2-pro card: every field below is one flux-2-pro also sends.
    private const string Card = """
        # A model this repository does not ship, sold through fal's flux-2-pro endpoint.
        id: acme-glow
        name: Acme Glow
        description: A card written by a consumer of the FluxSpecs package.
        parameters:
          prompt: { type: string, required: true, min_length: 1, description: What to draw. }
          seed: { type: integer, min: 0, max: 4294967295 }
          safety_tolerance: { type: integer, min: 1, max: 5, default: 2 }
          output_format: { type: enum, values: [jpeg, png], default: jpeg }
        providers:
          fal:
            model: fal-ai/flux-2-pro
            parameters:
              safety_tolerance: { convert: to_string }
            pricing: { unit: usd, per_request: 0.04, source: https://example.com/acme-glow-pricing, as_of: 2026-11-21 }
        """;

    private const string Program = """
        using AcmeApp.AcmeGlow;
        using FluxSpecs.Clients;

        var request = new AcmeGlowRequest
        {
            Prompt = "A lighthouse at dusk, watercolor",
            Seed = 7,
            SafetyTolerance = 3,
            OutputFormat = AcmeGlowOutputFormat.Png,
        };

        Console.WriteLine($"valid: {request.Validate("fal").IsValid}");
        Console.WriteLine(FormattableString.Invariant($"price: {request.EstimatePrice("fal").AmountUsd} USD"));

        // The base URL and key come from FLUXSPECS_FAL_BASE_URL and FAL_KEY.
        using var client = new FluxSpecsClient(new FluxSpecsOptions { AllowLoopbackHttp = true });
        var job = await client.GenerateAsync(request, "fal");
        var image = await job.DownloadAsync();
        Console.WriteLine($"job: {job.State.Status}");
        Console.WriteLine($"image: {image.Length} bytes, png: {image is [0x89, 0x50, 0x4E, 0x47, ..]}");
        """;

    [Fact]
    public async Task A_new_project_builds_prices_and_runs_a_card_of_its_own_and_gets_FluxSpecs_errors_for_its_mistakes()
    {
        using var runtime = packages.Open("FluxSpecs");
        using var project = await ConsumerProject.CreateAsync(packages.Feed, runtime.Metadata("version")!, ProjectName);
        project.Write(CardPath, Card);
        project.Write("Program.cs", Program);

        // 1. One package and one card: typed request, validation, price, and a job against the emulator.
        var build = await project.BuildAsync(TimeSpan.FromMinutes(3));
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project.Root, ".nuget", "packages", "fluxspecs", runtime.Metadata("version")!, "fluxspecs.nuspec")), "FluxSpecs was not restored into the project's own packages folder");

        var emulatorOptions = new EmulatorOptions { Strict = true };
        emulatorOptions.ApiKeys["fal"] = FalKey;
        await using (var emulator = await EmulatorServer.StartAsync(emulatorOptions))
        {
            var run = await project.RunAsync(TimeSpan.FromSeconds(60), new Dictionary<string, string>
            {
                ["FLUXSPECS_FAL_BASE_URL"] = emulator.ProviderBaseUrl("fal").ToString(),
                ["FAL_KEY"] = FalKey,
            });

            Assert.True(run.Succeeded, run.ToString());
            Assert.Equal(
                ["valid: True", "price: 0.04 USD", "job: Succeeded"],
                run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(3));
            Assert.Matches(@"image: [1-9]\d* bytes, png: True", run.Output);
            var job = Assert.Single(emulator.Jobs.Jobs);
            Assert.Equal("fal-ai/flux-2-pro", job.ProviderModelId);
            Assert.Equal("A lighthouse at dusk, watercolor", job.Request["prompt"]!.GetValue<string>());
            Assert.Equal("3", job.Request["safety_tolerance"]!.GetValue<string>());
        }

        // 2. A constant that breaks the card's range is a compile error from the analyzer, where it was written.
        var invalid = Program.Replace("SafetyTolerance = 3,", "SafetyTolerance = 9,", StringComparison.Ordinal);
        project.Write("Program.cs", invalid);
        var analyzed = await project.BuildAsync(TimeSpan.FromSeconds(120));
        Assert.False(analyzed.Succeeded, analyzed.ToString());
        var constant = AnalyzerError().Match(analyzed.Output);
        Assert.True(constant.Success, "no FSPEC1xxx error at Program.cs(line,col):" + Environment.NewLine + analyzed);
        Assert.Equal("FSPEC1001", constant.Groups["id"].Value);
        Assert.Equal(LineOf(invalid, "SafetyTolerance = 9"), int.Parse(constant.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));

        // 3. A broken card is a compile error at its YAML line.
        project.Write("Program.cs", Program);
        var broken = Card.Replace("min: 1, max: 5, default: 2", "min: 1, max: \"abc\", default: 2", StringComparison.Ordinal);
        project.Write(CardPath, broken);
        var carded = await project.BuildAsync(TimeSpan.FromSeconds(120));
        Assert.False(carded.Succeeded, carded.ToString());
        var card = CardError().Match(carded.Output);
        Assert.True(card.Success, $"no FSPEC0xxx error at {CardPath}(line,col):" + Environment.NewLine + carded);
        Assert.Equal(Path.Combine(project.Root, CardPath), card.Groups["path"].Value, ignoreCase: false);
        Assert.Equal(LineOf(broken, "max: \"abc\""), int.Parse(card.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ColumnOf(broken, "\"abc\""), int.Parse(card.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture));

        output.WriteLine($"pack {packages.Elapsed.TotalSeconds:0.0} s; builds {build.Elapsed.TotalSeconds:0.0} s (with restore), {analyzed.Elapsed.TotalSeconds:0.0} s, {carded.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The 1-based line of the first line containing <paramref name="text"/>.</summary>
    private static int LineOf(string source, string text) =>
        source.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    /// <summary>The 1-based column of <paramref name="text"/> in its line.</summary>
    private static int ColumnOf(string source, string text) =>
        source.Split('\n').First(line => line.Contains(text, StringComparison.Ordinal)).IndexOf(text, StringComparison.Ordinal) + 1;

    [GeneratedRegex(@"Program\.cs\((?<line>\d+),(?<column>\d+)\): error (?<id>FSPEC1\d{3}):")]
    private static partial Regex AnalyzerError();

    [GeneratedRegex(@"(?m)^[ \t]*(?<path>[^\s(][^(\r\n]*acme-glow\.model\.yaml)\((?<line>\d+),(?<column>\d+)\): error (?<id>FSPEC0\d{3}):")]
    private static partial Regex CardError();
}

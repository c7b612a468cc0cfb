using System.Text.Json;
using FluxSpecs.Models.Flux2Pro;
using Xunit.Abstractions;

namespace FluxSpecs.Packaging.Tests;

/// <summary>
/// A stranger's project that wants the shipped FLUX.2 models references FluxSpecs.Models and nothing else: FluxSpecs
/// comes along as its dependency (runtime, analyzer, props), the project builds without warnings, and its
/// <c>Flux2ProRequest</c> validates, maps and prices exactly as the repository's own build does.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ModelsConsumerProjectTests(PackedPackages packages, ITestOutputHelper output)
{
    private const string ProjectName = "LighthouseApp";
    private const string Prompt = "A lighthouse at dusk, watercolor";

    // The same request is built in this test process (from the repository's FluxSpecs.Models) to compare against.
    private const string Program = """
        using FluxSpecs.Models.Flux2Pro;

        var request = new Flux2ProRequest
        {
            Prompt = "A lighthouse at dusk, watercolor",
            AspectRatio = Flux2ProAspectRatio.Landscape16x9,
            Resolution = Flux2ProResolution.OneMegapixel,
            OutputFormat = Flux2ProOutputFormat.Png,
            Seed = 42,
        };

        var validation = request.Validate("bfl");
        Console.WriteLine($"valid: {validation.IsValid}");
        var payload = request.CreatePayload("bfl");
        Console.WriteLine($"model: {payload.ProviderModelId}");
        Console.WriteLine($"price: {request.EstimatePrice("bfl")}");
        Console.WriteLine($"own cards: {string.Join(", ", LighthouseApp.ModelCatalog.Models.Select(m => m.Id))}");
        Console.WriteLine($"payload: {payload.GetJsonText()}");
        """;

    // A card of the project's own, beside the shipped models: the props reach it through FluxSpecs.Models (buildTransitive).
    private const string Card = """
        id: lighthouse-glow
        name: Lighthouse Glow
        parameters:
          prompt: { type: string, required: true, min_length: 1 }
        providers:
          fal:
            model: fal-ai/flux-2-pro
            pricing: { unit: usd, per_request: 0.04, source: https://example.com/lighthouse-glow-pricing, as_of: 2026-11-21 }
        """;

    [Fact]
    public async Task A_new_project_referencing_only_FluxSpecs_Models_builds_without_warnings_and_validates_maps_and_prices_Flux2ProRequest()
    {
        using var models = packages.Open("FluxSpecs.Models");
        using var runtime = packages.Open("FluxSpecs");
        var version = models.Metadata("version")!;
        using var project = await ConsumerProject.CreateAsync(packages.Feed, version, ProjectName, packageId: "FluxSpecs.Models");
        Assert.DoesNotContain("<PackageReference Include=\"FluxSpecs\"", project.Read(ProjectName + ".csproj"), StringComparison.Ordinal);
        project.Write("Program.cs", Program);
        project.Write("specs/lighthouse-glow.model.yaml", Card);

        var build = await project.BuildAsync(TimeSpan.FromMinutes(3));
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);

        // Both packages came from the local feed into the project's own packages folder: FluxSpecs as a dependency.
        var restored = Path.Combine(project.Root, ".nuget", "packages");
        Assert.True(File.Exists(Path.Combine(restored, "fluxspecs.models", version, "fluxspecs.models.nuspec")), "FluxSpecs.Models was not restored into the project's own packages folder");
        Assert.True(File.Exists(Path.Combine(restored, "fluxspecs", runtime.Metadata("version")!, "fluxspecs.nuspec")), "FluxSpecs (the dependency) was not restored into the project's own packages folder");

        var run = await project.RunAsync(TimeSpan.FromSeconds(60));
        Assert.True(run.Succeeded, run.ToString());

        var expected = new Flux2ProRequest
        {
            Prompt = Prompt,
            AspectRatio = Flux2ProAspectRatio.Landscape16x9,
            Resolution = Flux2ProResolution.OneMegapixel,
            OutputFormat = Flux2ProOutputFormat.Png,
            Seed = 42,
        };
        var expectedPayload = expected.CreatePayload("bfl");
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "valid: True",
                $"model: {expectedPayload.ProviderModelId}",
                $"price: {expected.EstimatePrice("bfl")}",
                "own cards: lighthouse-glow",
            ],
            lines.Take(4));

        // The body BFL would receive, byte for byte what the repository's own FluxSpecs.Models writes.
        var payloadLine = Assert.Single(lines, line => line.StartsWith("payload: ", StringComparison.Ordinal));
        var json = payloadLine["payload: ".Length..];
        Assert.Equal(expectedPayload.GetJsonText(), json);
        using var body = JsonDocument.Parse(json);
        Assert.Equal(Prompt, body.RootElement.GetProperty("prompt").GetString());
        Assert.Equal(42, body.RootElement.GetProperty("seed").GetInt32());

        output.WriteLine($"build {build.Elapsed.TotalSeconds:0.0} s (with restore), run {run.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(run.Output);
    }
}

using Xunit.Abstractions;

namespace FluxSpecs.Packaging.Tests;

/// <summary>
/// <c>&lt;FluxSpecsIncludeSpecs&gt;false&lt;/FluxSpecsIncludeSpecs&gt;</c> in a consumer's project file stops the package's
/// props from adding <c>specs/**/*.model.yaml</c>: only the cards the project lists as <c>AdditionalFiles</c> are
/// compiled.
/// </summary>
/// <remarks>
/// What was compiled is read at run time from the generated <c>ModelCatalog</c> (which the generator emits in every
/// build, so the list proves the generator ran) and from the types in the assembly. The default, every card under
/// specs/ compiled, is what <see cref="ConsumerProjectTests"/> (through <c>build/</c>) and
/// <see cref="ModelsConsumerProjectTests"/> (through <c>buildTransitive/</c>) build on; the card left out here differs
/// from the one compiled only in its id.
/// </remarks>
[Collection(PackagesCollection.Name)]
public sealed class IncludeSpecsPropertyTests(PackedPackages packages, ITestOutputHelper output)
{
    private const string ProjectName = "PickyApp";

    // Program.cs names no card type, so it compiles whichever cards are in; the catalog and the types say which were.
    private const string Program = """
        var types = typeof(PickyApp.ModelCatalog).Assembly.GetTypes();
        Console.WriteLine($"cards: [{string.Join(", ", PickyApp.ModelCatalog.Models.Select(m => m.Id))}]");
        Console.WriteLine($"requests: [{string.Join(", ", types
            .Where(t => t.IsClass && typeof(FluxSpecs.IModelRequest).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal))}]");
        Console.WriteLine($"namespaces: [{string.Join(", ", types
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("PickyApp", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal))}]");
        """;

    private const string OptOut = """
          <PropertyGroup>
            <FluxSpecsIncludeSpecs>false</FluxSpecsIncludeSpecs>
          </PropertyGroup>
          <ItemGroup>
            <AdditionalFiles Include="cards/picked.model.yaml" />
          </ItemGroup>
        """;

    [Fact]
    public async Task FluxSpecsIncludeSpecs_false_leaves_the_cards_under_specs_uncompiled_and_compiles_only_those_listed_as_AdditionalFiles()
    {
        using var runtime = packages.Open("FluxSpecs");
        using var project = await ConsumerProject.CreateAsync(packages.Feed, runtime.Metadata("version")!, ProjectName);
        project.Write("specs/skipped.model.yaml", Card("picky-skipped"));
        project.Write("cards/picked.model.yaml", Card("picky-picked"));
        project.Write("Program.cs", Program);

        // Turned off: the card under specs/ is not compiled, not a type of it is generated; the one listed is compiled.
        project.WriteProjectFile(OptOut);
        var build = await project.BuildAsync(TimeSpan.FromMinutes(3));
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);
        var run = await project.RunAsync(TimeSpan.FromSeconds(60));
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(
            ["cards: [picky-picked]", "requests: [PickyApp.PickyPicked.PickyPickedRequest]", "namespaces: [PickyApp, PickyApp.PickyPicked]"],
            run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

        output.WriteLine($"build {build.Elapsed.TotalSeconds:0.0} s (with restore), run {run.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Card(string id) => $$"""
        id: {{id}}
        name: {{id}}
        parameters:
          prompt: { type: string, required: true, min_length: 1 }
        providers:
          fal:
            model: fal-ai/flux-2-pro
        """;
}

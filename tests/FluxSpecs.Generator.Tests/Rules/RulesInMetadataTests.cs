using Microsoft.CodeAnalysis.Diagnostics;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FluxSpecs.Generator.Tests.Rules;

/// <summary>
/// The card's rules reach the analyzer as attributes on the generated types, never as card text: nothing of a card's
/// YAML is in the generated code, and a project that only references the compiled models gets every FSPEC1xxx rule.
/// </summary>
public sealed class RulesInMetadataTests
{
    public static TheoryData<string> ShippedCards => [.. GeneratorHarness.ShippedCards().Select(card => Path.GetFileName(card.Path))];

    [Theory]
    [MemberData(nameof(ShippedCards))]
    public void No_generated_source_contains_the_cards_yaml(string fileName)
    {
        var card = GeneratorHarness.ShippedCards().Single(c => Path.GetFileName(c.Path) == fileName);
        var yaml = card.GetText()!.ToString();
        var run = GeneratorHarness.Run(card);
        Assert.Empty(run.Diagnostics);
        var generated = string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));

        // Comments and key lines exist only in the YAML; parameter descriptions do ship, as XML docs, without their keys.
        var yamlOnly = yaml.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 8 && (line.StartsWith('#') || line.Contains(": ", StringComparison.Ordinal)))
            .ToList();
        Assert.Contains("description: >-", yamlOnly);
        Assert.Contains(yamlOnly, line => line.StartsWith("# yaml-language-server", StringComparison.Ordinal));
        Assert.DoesNotContain("yaml-language-server", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(yamlOnly, line => generated.Contains(line, StringComparison.Ordinal));
    }

    /// <summary>The same statements as the analyzer tests, for each FSPEC1xxx id, with the models as a referenced assembly.</summary>
    private const string EveryRuleBroken = """
        using FluxSpecs.Models.Flux2Pro;

        static class UserCode
        {
            static void Run()
            {
                var a = new Flux2ProRequest { Prompt = "x", SafetyTolerance = 9 };
                var b = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 1000, Height = 768 };
                var c = new Flux2ProRequest { Prompt = "" };
                var d = new FluxSpecs.Models.Flux2Dev.Flux2DevRequest { Prompt = "x", InputImages = ["a.png", "b.png", "c.png", "d.png", "e.png"] };
                var e = new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Square, Width = 1024 };
                new Flux2ProRequest { Prompt = "x", AspectRatio = Flux2ProAspectRatio.Custom, Width = 2000, Height = 1024 }.Validate("magnific");
                new Flux2ProRequest { Prompt = "x", OutputFormat = Flux2ProOutputFormat.Webp }.Validate("bfl");
                new Flux2ProRequest { Prompt = "x" }.Validate("midjourney");
            }
        }
        """;

    [Fact]
    public async Task A_project_that_references_only_the_compiled_models_gets_every_rule()
    {
        var models = MetadataReference.CreateFromFile(typeof(FluxSpecs.Models.Flux2Pro.Flux2ProRequest).Assembly.Location);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(EveryRuleBroken, GeneratorHarness.ParseOptions)],
            [.. GeneratorHarness.References, models],
            GeneratorHarness.CompilationOptions);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.All(compilation.GetTypeByMetadataName("FluxSpecs.Models.Flux2Pro.Flux2ProRequest")!.Locations, l => Assert.True(l.IsInMetadata));

        var diagnostics = await AnalyzeAsync(compilation);

        Assert.Equal(
            [
                "FSPEC1001 [9] flux-2-pro: safety_tolerance is 9, but must be between 0 and 6",
                "FSPEC1002 [1000] flux-2-pro: width is 1000, but must be a multiple of 16; the provider would use 1008",
                "FSPEC1003 [\"\"] flux-2-pro: prompt is 0 characters, but must be at least 1 characters",
                "FSPEC1004 [[\"a.png\", \"b.png\", \"c.png\", \"d.png\", \"e.png\"]] flux-2-dev: input_images is 5 items, but must be at most 4 items",
                "FSPEC1005 [1024] flux-2-pro: width is 1024, but must be left unset while aspect_ratio is 1:1 (it only applies when aspect_ratio is custom)",
                "FSPEC1006 [2000] flux-2-pro: width is 2000, but must be between 256 and 1440 on magnific",
                "FSPEC1006 [Flux2ProOutputFormat.Webp] flux-2-pro: output_format is webp, but must be one of jpeg, png on bfl",
                "FSPEC1006 [\"midjourney\"] flux-2-pro: the provider is midjourney, but must be one that offers flux-2-pro: replicate, core-today, bfl, vtrix, fal, magnific, lumenfall, local",
            ],
            diagnostics.Select(Describe));

        // What the code fixes write comes from the same attributes: the nearest multiples, and the enum member to set.
        Assert.Equal("1008|992", diagnostics.Single(d => d.Id == "FSPEC1002").Properties["fluxspecs.replacements"]);
        Assert.Equal("global::FluxSpecs.Models.Flux2Pro.Flux2ProAspectRatio.Custom", diagnostics.Single(d => d.Id == "FSPEC1005").Properties["fluxspecs.setValue"]);
    }

    /// <summary>A card in the project itself, with the rules no shipped card has: a parameter a provider rejects, a maximum length.</summary>
    private const string CardWithRejection = """
        id: test-model
        name: Test Model
        parameters:
          prompt: { type: string, required: true, max_length: 10 }
          steps: { type: integer, min: 1, max: 50, multiple_of: 5, rounding: up }
          guidance: { type: number, min: 1.5, max: 10 }
        providers:
          bfl:
            model: test
            parameters:
              steps: { max: 30 }
            unsupported: [guidance]
            on_unsupported: error
        """;

    [Fact]
    public async Task A_card_in_the_same_project_gives_its_rules_to_the_analyzer()
    {
        var diagnostics = await AnalyzeAsync(
            """
            using FluxSpecs.Models.TestModel;

            static class UserCode
            {
                static void Run()
                {
                    var a = new TestModelRequest { Prompt = "eleven char", Steps = 12, Guidance = 1.25 };
                    new TestModelRequest { Prompt = "x", Steps = 35, Guidance = 2 }.Validate("bfl");
                }
            }
            """,
            [new InMemoryAdditionalText("/cards/test-model.model.yaml", CardWithRejection)]);

        Assert.Equal(
            [
                "FSPEC1003 [\"eleven char\"] test-model: prompt is 11 characters, but must be at most 10 characters",
                "FSPEC1002 [12] test-model: steps is 12, but must be a multiple of 5; the provider would use 15",
                "FSPEC1001 [1.25] test-model: guidance is 1.25, but must be between 1.5 and 10",
                "FSPEC1006 [35] test-model: steps is 35, but must be at most 30 on bfl",
                "FSPEC1006 [2] test-model: guidance is 2, but must be left unset on bfl",
            ],
            diagnostics.Select(Describe));
    }

    // The Roslyn testing library's verifiers compile their own test project; these tests need a compilation that sees the
    // models only as metadata (or runs the generator on an in-memory card), so they keep this small analyze step.
    private static async Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> AnalyzeAsync(string source, IEnumerable<AdditionalText> cards)
    {
        GeneratorHarness.CreateDriver(cards).RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(source), out var output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await AnalyzeAsync(output);
    }

    private static async Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var diagnostics = await compilation.WithAnalyzers([new FluxSpecs.Generator.Analysis.RequestValueAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>"FSPEC1002 [1000] message": the id, the exact text the diagnostic underlines, and the message.</summary>
    private static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} [{diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)}] {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}

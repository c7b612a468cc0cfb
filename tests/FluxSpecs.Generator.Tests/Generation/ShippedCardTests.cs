using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Tests.Generation;

/// <summary>The cards in specs/ generate the expected code, and that code compiles cleanly.</summary>
public sealed class ShippedCardTests
{
    private static readonly GeneratorRun Run = GeneratorHarness.Run([.. GeneratorHarness.ShippedCards()]);

    public static TheoryData<string> GeneratedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var source in Run.Sources)
        {
            data.Add(source.HintName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedFiles))]
    public void Generated_source_matches_its_snapshot(string hintName)
    {
        var source = Run.Sources.Single(s => s.HintName == hintName);
        Snapshot.Match(source.SourceText.ToString(), Path.GetFileNameWithoutExtension(hintName).Replace(".g", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_snapshot_belongs_to_a_generated_source()
    {
        // A snapshot of a source no longer generated (a renamed card, a removed emitter) would otherwise linger unchecked.
        var generated = Run.Sources.Select(s => Path.GetFileNameWithoutExtension(s.HintName).Replace(".g", "", StringComparison.Ordinal) + ".verified.cs").ToHashSet(StringComparer.Ordinal);

        var orphans = System.IO.Directory.GetFiles(Snapshot.Directory, "*.verified.cs").Select(Path.GetFileName).Where(name => !generated.Contains(name!));

        Assert.Empty(orphans);
    }

    [Fact]
    public void Shipped_cards_report_no_diagnostics_and_do_not_crash_the_generator()
    {
        Assert.Null(Run.GeneratorException);
        Assert.Empty(Run.Diagnostics);
    }

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        Assert.Empty(Run.CompilationProblems.Select(d => d.ToString()));
    }

    [Fact]
    public void A_file_that_imports_both_models_names_their_types_without_ambiguity()
    {
        const string user = """
            using FluxSpecs.Models.Flux2Dev;
            using FluxSpecs.Models.Flux2Pro;

            namespace Consumer;

            internal static class BothModels
            {
                public static object[] Requests() =>
                [
                    new Flux2ProRequest
                    {
                        Prompt = "x",
                        AspectRatio = Flux2ProAspectRatio.Custom,
                        Width = 1024,
                        Height = 768,
                        Resolution = Flux2ProResolution.OneMegapixel,
                        OutputFormat = Flux2ProOutputFormat.Png,
                        Replicate = new Flux2ProReplicateOptions { WebhookEventsFilter = [Flux2ProReplicateWebhookEventsFilter.Completed] },
                    },
                    new Flux2DevRequest
                    {
                        Prompt = "x",
                        AspectRatio = Flux2DevAspectRatio.Square,
                        OutputFormat = Flux2DevOutputFormat.Webp,
                        Fal = new Flux2DevFalOptions { Acceleration = Flux2DevFalAcceleration.High },
                    },
                ];
            }
            """;

        var run = GeneratorHarness.RunWith(user, [.. GeneratorHarness.ShippedCards()]);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems.Select(d => d.ToString()));
    }

    [Fact]
    public void Every_card_yields_its_request_validation_mapping_and_model_plus_one_catalog()
    {
        var names = Run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "FluxSpecs.Models.Flux2Dev.Client.g.cs",
                "FluxSpecs.Models.Flux2Dev.Mapping.g.cs",
                "FluxSpecs.Models.Flux2Dev.Model.g.cs",
                "FluxSpecs.Models.Flux2Dev.Pricing.g.cs",
                "FluxSpecs.Models.Flux2Dev.Request.g.cs",
                "FluxSpecs.Models.Flux2Dev.Validation.g.cs",
                "FluxSpecs.Models.Flux2Flex.Client.g.cs",
                "FluxSpecs.Models.Flux2Flex.Mapping.g.cs",
                "FluxSpecs.Models.Flux2Flex.Model.g.cs",
                "FluxSpecs.Models.Flux2Flex.Pricing.g.cs",
                "FluxSpecs.Models.Flux2Flex.Request.g.cs",
                "FluxSpecs.Models.Flux2Flex.Validation.g.cs",
                "FluxSpecs.Models.Flux2Klein4b.Client.g.cs",
                "FluxSpecs.Models.Flux2Klein4b.Mapping.g.cs",
                "FluxSpecs.Models.Flux2Klein4b.Model.g.cs",
                "FluxSpecs.Models.Flux2Klein4b.Pricing.g.cs",
                "FluxSpecs.Models.Flux2Klein4b.Request.g.cs",
                "FluxSpecs.Models.Flux2Klein4b.Validation.g.cs",
                "FluxSpecs.Models.Flux2Klein9b.Client.g.cs",
                "FluxSpecs.Models.Flux2Klein9b.Mapping.g.cs",
                "FluxSpecs.Models.Flux2Klein9b.Model.g.cs",
                "FluxSpecs.Models.Flux2Klein9b.Pricing.g.cs",
                "FluxSpecs.Models.Flux2Klein9b.Request.g.cs",
                "FluxSpecs.Models.Flux2Klein9b.Validation.g.cs",
                "FluxSpecs.Models.Flux2Max.Client.g.cs",
                "FluxSpecs.Models.Flux2Max.Mapping.g.cs",
                "FluxSpecs.Models.Flux2Max.Model.g.cs",
                "FluxSpecs.Models.Flux2Max.Pricing.g.cs",
                "FluxSpecs.Models.Flux2Max.Request.g.cs",
                "FluxSpecs.Models.Flux2Max.Validation.g.cs",
                "FluxSpecs.Models.Flux2Pro.Client.g.cs",
                "FluxSpecs.Models.Flux2Pro.Mapping.g.cs",
                "FluxSpecs.Models.Flux2Pro.Model.g.cs",
                "FluxSpecs.Models.Flux2Pro.Pricing.g.cs",
                "FluxSpecs.Models.Flux2Pro.Request.g.cs",
                "FluxSpecs.Models.Flux2Pro.Validation.g.cs",
                "ModelCatalog.g.cs",
            ],
            names);
    }

    [Fact]
    public void Generated_code_marks_itself_as_generated()
    {
        Assert.All(Run.Sources, source =>
        {
            var text = source.SourceText.ToString();
            Assert.StartsWith("// <auto-generated/>", text, StringComparison.Ordinal);
            Assert.Contains("#nullable enable", text, StringComparison.Ordinal);
        });
        Assert.Contains(Run.Sources, s => s.SourceText.ToString().Contains("[global::System.CodeDom.Compiler.GeneratedCode(", StringComparison.Ordinal));
    }
}

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
    public void A_card_without_an_accepted_snapshot_fails_with_the_command_that_accepts_it()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("fluxspecs-snapshot-");
        try
        {
            var verified = Path.Combine(folder.FullName, "FluxSpecs.Models.AcmeCopy.Request.verified.cs");
            var received = Path.Combine(folder.FullName, "FluxSpecs.Models.AcmeCopy.Request.received.cs");

            var failure = Assert.ThrowsAny<Exception>(() => Snapshot.MatchFile("// generated", verified, received, accept: false));

            Assert.Contains("No snapshot yet: " + verified, failure.Message, StringComparison.Ordinal);
            Assert.EndsWith("accept it with: FLUXSPECS_ACCEPT_SNAPSHOTS=1 dotnet test tests/FluxSpecs.Generator.Tests -c Release", failure.Message, StringComparison.Ordinal);
            Assert.Equal("// generated", File.ReadAllText(received));

            Snapshot.MatchFile("// generated", verified, received, accept: true);
            Assert.Equal("// generated", File.ReadAllText(verified));
            Assert.False(File.Exists(received));
            Snapshot.MatchFile("// generated", verified, received, accept: false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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
        // The files come from specs/: a new card adds its six, and no test names them.
        string[] kinds = ["Client", "Mapping", "Model", "Pricing", "Request", "Validation"];
        var expected = GeneratorHarness.ShippedCardIdentities()
            .SelectMany(card => kinds.Select(kind => card.HintPrefix + "." + kind + ".g.cs"))
            .Append("ModelCatalog.g.cs")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_file_that_imports_every_shipped_model_names_each_ones_types_without_ambiguity()
    {
        var cards = GeneratorHarness.ShippedCardIdentities();
        var user = string.Concat(cards.Select(card => "using " + card.Namespace + ";\n"))
            + "namespace Consumer;\n\ninternal static class EveryModel\n{\n    public static System.Type[] Types() =>\n    [\n"
            + string.Concat(cards.Select(card => $"        typeof({card.TypePrefix}Request), typeof({card.TypePrefix}Client), typeof({card.TypePrefix}Model),\n"))
            + "    ];\n}\n";

        var run = GeneratorHarness.RunWith(user, [.. GeneratorHarness.ShippedCards()]);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems.Select(d => d.ToString()));
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

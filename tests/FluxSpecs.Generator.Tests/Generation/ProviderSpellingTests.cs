using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Tests.Generation;

/// <summary>
/// Provider spellings: a provider's wire value becomes an accepted input for the model value it stands for, in the
/// generated parser and the descriptor, only when it is unambiguous across the card.
/// </summary>
public sealed class ProviderSpellingTests
{
    private const string Card = """
        id: test-model
        name: Test Model
        parameters:
          prompt: { type: string, required: true }
          format: { type: enum, values: [jpeg, png, webp] }
          mode: { type: enum, values: [fast, slow, auto] }
        providers:
          replicate:
            model: owner/test-model
            parameters:
              format: { values: { jpeg: jpg, png: png } }
              mode: { values: { fast: quick, slow: careful } }
          bfl:
            model: test-model
            parameters:
              format: { values: { jpeg: jpg, webp: webp } }
              mode: { values: { fast: careful, slow: slow, auto: fast } }
        """;

    [Fact]
    public void An_unambiguous_provider_spelling_is_parsed_and_listed_as_an_alias()
    {
        var run = GeneratorHarness.RunCard(Card);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        var request = Source(run, "Request");
        var model = Source(run, "Model");

        // jpg means jpeg for both providers that use it.
        Assert.Contains("case \"jpg\":", request, StringComparison.Ordinal);
        Assert.Contains("new(\"jpeg\", \"Jpeg\") { Aliases = [\"jpg\"] }", model, StringComparison.Ordinal);

        // quick means fast alone; careful means slow to replicate and fast to bfl, so it is no alias; fast is a model
        // value itself, so bfl's fast (for auto) is no alias either.
        Assert.Contains("new(\"fast\", \"Fast\") { Aliases = [\"quick\"] }", model, StringComparison.Ordinal);
        Assert.DoesNotContain("case \"careful\":", request, StringComparison.Ordinal);
        Assert.Contains("new(\"auto\", \"Auto\")]", model, StringComparison.Ordinal);
    }

    private static string Source(GeneratorRun run, string kind) =>
        run.Sources.Single(s => s.HintName.EndsWith("." + kind + ".g.cs", StringComparison.Ordinal)).SourceText.ToString();
}

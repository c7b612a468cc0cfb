using System.Text.RegularExpressions;
using FluxSpecs.Generator.Tests.Infrastructure;

namespace FluxSpecs.Generator.Tests.Generation;

/// <summary>The annotated example in docs/model-cards.md is a card the generator accepts, so the documentation cannot rot.</summary>
public sealed partial class DocumentedExampleTests
{
    [Fact]
    public void The_annotated_card_in_the_docs_generates_clean_code()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRootAttribute.Value, "docs", "model-cards.md"));
        var example = YamlBlock().Match(markdown);
        Assert.True(example.Success, "docs/model-cards.md has no ```yaml block");

        var run = GeneratorHarness.RunCard(example.Groups["card"].Value, "flux-2-pro.model.yaml");

        Assert.Empty(DiagnosticText.All(run));
        Assert.Contains(run.Sources, s => s.HintName == "FluxSpecs.Models.Flux2Pro.Request.g.cs");
        Assert.Empty(run.CompilationProblems.Select(d => d.ToString()));
    }

    [GeneratedRegex("```yaml\n(?<card>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}

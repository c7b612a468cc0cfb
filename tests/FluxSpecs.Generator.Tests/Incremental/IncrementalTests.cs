using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FluxSpecs.Generator.Tests.Incremental;

/// <summary>The pipeline does no card work that an edit does not call for.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] PerCardSteps =
    [
        GeneratorStepNames.ParsedCards,
        GeneratorStepNames.CheckedCards,
        GeneratorStepNames.EmitSpecs,
    ];

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public class A { } }");
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.ShippedCards()).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { public class B { } }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.NotEmpty(result.TrackedSteps);

        // The compilation itself changed, by definition; the provider ids read from it did not, so no card is re-parsed.
        Assert.All(result.TrackedSteps[GeneratorStepNames.ProviderIds].SelectMany(r => r.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"provider ids were {output.Reason}"));
        foreach (var (step, runs) in result.TrackedSteps.Where(s => s.Key != WellKnownGeneratorInputs.Compilation))
        {
            Assert.All(runs.SelectMany(r => r.Outputs), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {output.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_card_reruns_only_that_cards_branch()
    {
        var cards = GeneratorHarness.ShippedCards();
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public class A { } }");
        var driver = GeneratorHarness.CreateDriver(cards).RunGenerators(compilation);

        var pro = cards.Single(c => c.Path.EndsWith("flux-2-pro.model.yaml", StringComparison.Ordinal));
        var editedPro = new InMemoryAdditionalText(pro.Path, pro.GetText()!.ToString().Replace("name: FLUX.2 [pro]", "name: FLUX.2 [pro] edited", StringComparison.Ordinal));
        Assert.NotEqual(pro.GetText()!.ToString(), editedPro.GetText().ToString());

        var result = driver.ReplaceAdditionalText(pro, editedPro).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in PerCardSteps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
            Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.All(reasons.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.True(
                r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step}: {r}"));
        }

        // The edit left the card valid: its (empty) diagnostics are unchanged, so nothing is reported again.
        Assert.All(result.TrackedSteps[GeneratorStepNames.CardDiagnostics].SelectMany(r => r.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"diagnostics: {o.Reason}"));

        // The card's id did not change, so no other card needs its duplicate check again.
        Assert.All(result.TrackedSteps[GeneratorStepNames.CardIdentities].SelectMany(r => r.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"identities: {o.Reason}"));
    }

    [Fact]
    public void Editing_a_card_regenerates_its_code()
    {
        var card = GeneratorHarness.ShippedCards().Single(c => c.Path.EndsWith("flux-2-dev.model.yaml", StringComparison.Ordinal));
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public class A { } }");
        var driver = GeneratorHarness.CreateDriver([card]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText(card.Path, card.GetText()!.ToString().Replace("name: FLUX.2 [dev]", "name: FLUX.2 [dev] renamed", StringComparison.Ordinal));
        var sources = driver.ReplaceAdditionalText(card, edited).RunGenerators(compilation).GetRunResult().Results.Single().GeneratedSources;

        Assert.Contains(sources, s => s.SourceText.ToString().Contains("Name = \"FLUX.2 [dev] renamed\"", StringComparison.Ordinal));
    }
}

using System.Diagnostics;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FluxSpecs.Generator.Tests.Fuzzing;

/// <summary>
/// Regression tests for what card fuzzing found, each once a crash or a misplaced error: inputs that overflowed the
/// compiler's stack, hashed for ever, threw out of YamlDotNet, generated code that did not compile, or pointed past the
/// end of the file.
/// </summary>
public sealed class HostileCardTests
{
    private const string Head = "id: test-model\nname: Test\nparameters:\n  prompt: { type: string, required: true }\n";

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Nesting_a_hundred_thousand_levels_deep_is_an_error_not_a_stack_overflow(string open, string close)
    {
        // Loading this into YamlDotNet's node model recursed once per level and killed the process.
        var card = Head + "  deep: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        var clock = Stopwatch.StartNew();

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(card));

        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith("FSPEC0014 (5,", diagnostic, StringComparison.Ordinal);
        Assert.EndsWith("test-model.model.yaml: the YAML nests more than 64 levels deep; it was not read", diagnostic, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read_as_usual()
    {
        // The card's mapping is level 1, parameters level 2, so 62 more levels reach the limit of 64.
        var card = Head + "  deep: " + new string('[', 62) + new string(']', 62);

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(card));

        Assert.DoesNotContain(diagnostics, d => d.StartsWith("FSPEC0014", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.StartsWith("FSPEC0003 (5,9)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  ? &k [*k]\n  : 1\n", "FSPEC0014 (5,5)-(5,8): test-model.model.yaml: a key is a list or a mapping (card keys are plain names); it was not read")]
    [InlineData("  ? &k {a: *k}\n  : 1\n", "FSPEC0014 (5,5)-(5,8): test-model.model.yaml: a key is a list or a mapping (card keys are plain names); it was not read")]
    [InlineData("  loop: &s [*s]\n", "FSPEC0014 (5,13)-(5,15): test-model.model.yaml: the alias '*s' refers to a node that contains it; it was not read")]
    [InlineData("  loop: &s {a: {b: *s}}\n", "FSPEC0014 (5,20)-(5,22): test-model.model.yaml: the alias '*s' refers to a node that contains it; it was not read")]
    public void A_node_that_contains_itself_is_an_error_not_endless_recursion(string yaml, string expected)
    {
        // A key is hashed recursively: a list key holding itself recursed until the stack overflowed.
        Assert.Equal([expected], DiagnosticText.All(GeneratorHarness.RunCard(Head + yaml)));
    }

    [Fact]
    public void An_alias_bomb_used_as_a_key_is_refused_before_it_is_hashed()
    {
        // Hashing the key visited all 10^8 paths through it.
        var bomb = "  z0: &z0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 1; level < 8; level++)
        {
            bomb += $"  z{level}: &z{level} [" + string.Join(", ", Enumerable.Repeat($"*z{level - 1}", 10)) + "]\n";
        }

        var card = Head + bomb + "  ? *z7\n  : 1\n";
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(card));

        Assert.Equal(["FSPEC0014 (13,5)-(13,8): test-model.model.yaml: a key is an alias of a list or a mapping (card keys are plain names); it was not read"], diagnostics);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public void A_billion_laughs_card_does_not_expand_in_memory()
    {
        var card = new System.Text.StringBuilder(Head).Append("  p0:\n    type: enum\n    values: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            card.Append("  p").Append(i).Append(":\n    type: enum\n    values: &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(card.ToString()));

        // 10^9 strings would take tens of gigabytes; the card is read in a few megabytes.
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.StartsWith("FSPEC00", d, StringComparison.Ordinal));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 64L * 1024 * 1024);
    }

    [Theory]
    [InlineData("  size: { type: enum, values: [small, large\n", "FSPEC0001 (6,1)-(6,1)")]
    [InlineData("  size:\n    type: enum\n    values: [small, large\n    default: small\n", "FSPEC0001 (7,19)-(7,19)")]
    [InlineData("  size:\n    type: enum\n    values: {a: 1\n    default: small\n", "FSPEC0001 (7,15)-(7,15)")]
    public void An_unclosed_bracket_is_malformed_yaml_at_the_card_not_an_internal_error(string yaml, string expectedStart)
    {
        // YamlDotNet throws InvalidOperationException on some of these; it was reported as FSPEC0015 ("please report
        // this") at the top of the file.
        var diagnostic = Assert.Single(DiagnosticText.All(GeneratorHarness.RunCard(Head + yaml)));

        Assert.StartsWith(expectedStart + ": test-model.model.yaml: the YAML is malformed: ", diagnostic, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void A_card_with_any_line_endings_generates_code_that_compiles(string lineEnding)
    {
        // With CR line endings the embedded card text broke its raw string literal (CS8999); a description holding a
        // line or paragraph separator (YAML's \L, \P) or a CR ended a doc comment line early.
        var card = Head.Replace("\n", lineEnding, StringComparison.Ordinal) + "  note:" + lineEnding + "    type: string" + lineEnding + "    description: \"first\\Lsecond\\Nthird\\rfourth\\Pfifth\"" + lineEnding;

        var run = GeneratorHarness.RunCard(card);

        Assert.Empty(DiagnosticText.All(run));
        Assert.Empty(run.CompilationProblems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\u2028")]
    public void Errors_point_at_the_same_line_and_column_whatever_the_line_endings(string lineEnding)
    {
        var card = (Head + "  steps:\n    type: integer\n    max: \"50\"\n").Replace("\n", lineEnding, StringComparison.Ordinal);

        var run = GeneratorHarness.RunCard(card);

        Assert.Equal(["FSPEC0003 (7,10)-(7,14): test-model.model.yaml: parameters.steps.max must be a number, but is '50'"], DiagnosticText.All(run));
        var span = run.Diagnostics[0].Location.SourceSpan;
        Assert.Equal("\"50\"", card.Substring(span.Start, span.Length));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("id: x\nname: [")]
    [InlineData("'")]
    public void An_error_at_the_end_of_the_file_is_located_inside_it(string card)
    {
        var run = GeneratorHarness.RunCard(card);

        var diagnostic = Assert.Single(run.Diagnostics);
        var text = SourceText.From(card);
        Assert.InRange(diagnostic.Location.SourceSpan.End, 0, card.Length);
        Assert.InRange(diagnostic.Location.GetLineSpan().EndLinePosition.Line, 0, text.Lines.Count - 1);
    }

    [Fact]
    public void A_megabyte_long_key_is_quoted_shortly_in_the_message()
    {
        var key = new string('k', 1_000_000);

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(Head + "  " + key + ": 1\n" + "  " + key + ": 2\n"));

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.InRange(d.Length, 1, 1500));
    }
}

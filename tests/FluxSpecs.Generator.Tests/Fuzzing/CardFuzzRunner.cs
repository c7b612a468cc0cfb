using System.Diagnostics;
using System.Text;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace FluxSpecs.Generator.Tests.Fuzzing;

/// <summary>What one broken card did to the generator, and what was wrong with that (empty when all was well).</summary>
public sealed record FuzzOutcome(FuzzCase Case, TimeSpan Elapsed, long AllocatedBytes, int TextLength, IReadOnlyList<string> DiagnosticIds, bool Generated, IReadOnlyList<string> Problems);

/// <summary>
/// Runs one card through the real generator the way the compiler does — the file's bytes decoded as the compiler
/// decodes an additional file, one generator driver per card — and checks the generator's contract: nothing thrown,
/// only FSPEC0xxx diagnostics (never FSPEC0015, which means an internal error was caught), each located inside the card.
/// A card the generator accepts must give code that compiles.
/// </summary>
public sealed class CardFuzzRunner
{
    public const string CardPath = "/cards/fuzzed.model.yaml";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly CSharpCompilation _compilation = GeneratorHarness.Compilation("namespace Consumer { internal static class Placeholder { } }");
    private readonly TestOptionsProvider _options = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = GeneratorHarness.RootNamespace });
    private readonly int _maxCompilations;
    private readonly Dictionary<string, IReadOnlyList<string>> _compiled = new(StringComparer.Ordinal);

    /// <param name="maxCompilations">How many distinct generated outputs to compile (slow); all are parsed.</param>
    public CardFuzzRunner(int maxCompilations) => _maxCompilations = maxCompilations;

    /// <summary>
    /// Decodes like the compiler's <c>EncodedStringText</c>: a BOM picks the encoding; otherwise strict UTF-8, falling
    /// back to Latin-1 when the bytes are not UTF-8.
    /// </summary>
    public static SourceText Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()) || bytes.AsSpan().StartsWith(Encoding.Unicode.GetPreamble()) || bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.GetPreamble()))
        {
            return SourceText.From(bytes, bytes.Length, encoding: null, throwIfBinaryDetected: false);
        }

        try
        {
            return SourceText.From(bytes, bytes.Length, StrictUtf8, throwIfBinaryDetected: false);
        }
        catch (DecoderFallbackException)
        {
            return SourceText.From(bytes, bytes.Length, Encoding.Latin1, throwIfBinaryDetected: false);
        }
    }

    public FuzzOutcome Run(FuzzCase fuzzCase)
    {
        var text = Decode(fuzzCase.Bytes);
        var card = new FuzzedCard(CardPath, text);
        var problems = new List<string>();

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ModelCardGenerator().AsSourceGenerator()],
            [card],
            GeneratorHarness.ParseOptions,
            _options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGenerators(_compilation);
        var result = driver.GetRunResult();
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var run = result.Results.Single();
        if (run.Exception is { } exception)
        {
            problems.Add("the generator threw " + exception.GetType().Name + ": " + exception.Message);
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            CheckDiagnostic(diagnostic, text, problems);
        }

        var generated = run.GeneratedSources.Any(s => s.HintName != "ModelCatalog.g.cs");
        if (result.Diagnostics.Length == 0 && !generated)
        {
            problems.Add("the card was neither accepted nor reported");
        }

        if (generated && result.Diagnostics.Length > 0)
        {
            problems.Add("the card was reported and yet generated code");
        }

        if (generated)
        {
            problems.AddRange(Compile(run.GeneratedSources));
        }

        return new FuzzOutcome(fuzzCase, clock.Elapsed, allocated, text.Length, [.. result.Diagnostics.Select(d => d.Id)], generated, problems);
    }

    /// <summary>
    /// Checks generated code: every output is parsed (doc comments included, as a project that generates documentation
    /// reads them); outputs are compiled once per shape — most mutants differ from another only in comments,
    /// descriptions or the embedded card text, which the parse already checks.
    /// </summary>
    private IReadOnlyList<string> Compile(IReadOnlyList<GeneratedSourceResult> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText, DocumentedParseOptions, s.HintName)).ToList();
        var syntax = trees.SelectMany(t => t.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(3)
            .Select(d => "accepted card generates code that does not parse: " + d).ToList();
        if (syntax.Count > 0)
        {
            return syntax;
        }

        var shape = string.Join("\0", sources.Select(s => s.HintName + "\n" + Shape(s.SourceText.ToString())));
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(shape)));
        if (_compiled.TryGetValue(hash, out var known))
        {
            return known;
        }

        if (CompiledDistinctOutputs >= _maxCompilations)
        {
            return [];
        }

        var output = _compilation.AddSyntaxTrees(sources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText, GeneratorHarness.ParseOptions, s.HintName)));
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Take(3)
            .Select(d => "accepted card generates code that does not compile: " + d)
            .ToList();
        _compiled[hash] = problems;
        CompiledDistinctOutputs++;
        return problems;
    }

    private static readonly CSharpParseOptions DocumentedParseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>The code without its doc comments.</summary>
    private static string Shape(string code) => string.Join(
        "\n",
        code.Split('\n').Where(line => !line.TrimStart().StartsWith("///", StringComparison.Ordinal)));

    /// <summary>How many distinct generated outputs were compiled.</summary>
    public int CompiledDistinctOutputs { get; private set; }

    private static void CheckDiagnostic(Diagnostic diagnostic, SourceText text, List<string> problems)
    {
        var shown = diagnostic.Id + " " + Shorten(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        if (!diagnostic.Id.StartsWith("FSPEC0", StringComparison.Ordinal) || diagnostic.Id == "FSPEC0015")
        {
            problems.Add("unexpected diagnostic " + shown);
            return;
        }

        if (diagnostic.Severity != DiagnosticSeverity.Error)
        {
            problems.Add("not an error: " + shown);
        }

        var location = diagnostic.Location;
        var lines = location.GetLineSpan();
        if (lines.Path != CardPath)
        {
            problems.Add($"located in '{lines.Path}', not the card: {shown}");
            return;
        }

        var span = location.SourceSpan;
        if (span.Start < 0 || span.End > text.Length)
        {
            problems.Add($"span {span} outside the text (length {text.Length}): {shown}");
        }

        var (start, end) = (lines.Span.Start, lines.Span.End);
        if (start.Line < 0 || end.Line >= text.Lines.Count || end < start)
        {
            problems.Add($"lines {start}-{end} outside the card's {text.Lines.Count} lines: {shown}");
            return;
        }

        if (start.Character < 0 || start.Character > text.Lines[start.Line].SpanIncludingLineBreak.Length
            || end.Character > text.Lines[end.Line].SpanIncludingLineBreak.Length)
        {
            problems.Add($"columns {start}-{end} outside their lines: {shown}");
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private sealed class FuzzedCard(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}

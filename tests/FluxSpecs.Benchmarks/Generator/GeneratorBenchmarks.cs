using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using FluxSpecs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FluxSpecs.Benchmarks.Generator;

/// <summary>
/// Row 1: the generator in a <see cref="GeneratorDriver"/>, as the compiler and the IDE run it. <c>Cold</c> is a first
/// run over <see cref="Cards"/> cards; <c>UnrelatedEdit</c> re-runs a driver that has seen them after a C# file was added;
/// <c>OneCardEdit</c> re-runs it after one card's text changed. Each warm case starts from the same warmed driver, so every
/// invocation does the same work.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private IReadOnlyList<AdditionalText> _cards = [];
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _withEditedCard = null!;

    [Params(1, 10, 100, 500)]
    public int Cards { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cards = SyntheticCards.Create(Cards);
        _compilation = Compilation("namespace Consumer { public class A { } }");
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { public class B { } }", ParseOptions));
        _warm = CreateDriver(_cards).RunGenerators(_compilation);
        var edited = _cards[Cards / 2];
        _withEditedCard = _warm.ReplaceAdditionalText(edited, SyntheticCards.Edited(edited));

        // A run that does not generate every card's code measures nothing: check once, outside the timings.
        var produced = _warm.GetRunResult().Results.Single();
        if (produced.Exception is { } error)
        {
            throw new InvalidOperationException("The generator failed on the synthetic cards.", error);
        }

        if (produced.GeneratedSources.Length != Cards * 6 + 1 || produced.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException($"Expected {Cards * 6 + 1} generated files and no errors; got {produced.GeneratedSources.Length} and {string.Join("; ", produced.Diagnostics)}.");
        }
    }

    /// <summary>The first run: parse, check and emit every card.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => CreateDriver(_cards).RunGenerators(_compilation);

    /// <summary>A re-run after a C# edit that no card depends on: should do no card work.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => _warm.RunGenerators(_editedCompilation);

    /// <summary>A re-run after editing one card: should redo that card only.</summary>
    [Benchmark]
    public GeneratorDriver OneCardEdit() => _withEditedCard.RunGenerators(_compilation);

    internal static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> cards) =>
        CSharpGeneratorDriver.Create(
            [new ModelCardGenerator().AsSourceGenerator()],
            cards,
            ParseOptions,
            new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = "FluxSpecs.Models" }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static CSharpCompilation Compilation(string source) => CSharpCompilation.Create(
        "Consumer",
        [CSharpSyntaxTree.ParseText(source, ParseOptions)],
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(IModelRequest).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());
}

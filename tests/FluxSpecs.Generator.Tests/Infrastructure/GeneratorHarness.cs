using System.Collections.Immutable;
using FluxSpecs.Generator.Cards;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the real generator in a real compilation: references are the running .NET's assemblies plus the FluxSpecs
/// runtime the generated code builds on, so the output is compiled exactly as a user's project would compile it.
/// </summary>
public static class GeneratorHarness
{
    public const string RootNamespace = "FluxSpecs.Models";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The runtime's provider ids, as the generator reads them from a compilation, for tests that parse a card directly.</summary>
    public static IReadOnlyList<string> ProviderIds { get; } =
        [.. typeof(FluxSpecs.ProviderIds).GetFields().Where(f => f.IsLiteral && f.Name != "Local").Select(f => (string)f.GetRawConstantValue()!)];

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static string SpecsDirectory => Path.Combine(RepositoryRootAttribute.Value, "specs");

    public static IReadOnlyList<InMemoryAdditionalText> ShippedCards() =>
        Directory.GetFiles(SpecsDirectory, "*" + ModelCardGenerator.CardSuffix)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => new InMemoryAdditionalText(path, File.ReadAllText(path)))
            .ToList();

    /// <summary>
    /// Each card in specs/ as the generator names it: its C# name stem and namespace, read by the card parser, so tests
    /// that list what the shipped cards generate follow specs/ instead of naming the cards.
    /// </summary>
    public static IReadOnlyList<ShippedCard> ShippedCardIdentities() =>
        ShippedCards()
            .Select(file => CardParser.Parse(file.Path, file.GetText()!.ToString(), providerIds: ProviderIds).Card
                ?? throw new InvalidOperationException($"{file.Path} does not parse; the generator tests report why."))
            .Select(card => new ShippedCard(card.Id, card.TypePrefix, card.Namespace ?? RootNamespace + "." + card.TypePrefix))
            .ToList();

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
        References,
        CompilationOptions);

    public static CSharpCompilationOptions CompilationOptions { get; } =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> cards, string rootNamespace = RootNamespace) =>
        CSharpGeneratorDriver.Create(
            [new ModelCardGenerator().AsSourceGenerator()],
            cards,
            ParseOptions,
            new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="cards"/> and an otherwise empty project.</summary>
    public static GeneratorRun Run(params AdditionalText[] cards) =>
        RunWith("namespace Consumer { internal static class Placeholder { } }", cards);

    /// <summary>Runs the generator once over <paramref name="cards"/> in a project whose own code is <paramref name="userSource"/>.</summary>
    public static GeneratorRun RunWith(string userSource, params AdditionalText[] cards)
    {
        var compilation = Compilation(userSource);
        var driver = CreateDriver(cards).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>One card given as text, at a path that looks like a real card file.</summary>
    public static GeneratorRun RunCard(string yaml, string fileName = "test-model" + ModelCardGenerator.CardSuffix) =>
        Run(new InMemoryAdditionalText(Path.Combine("/cards", fileName), yaml));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        // The runtime and what its public API exposes (Microsoft.Extensions.*, Polly), as a package reference would bring.
        var runtime = Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll")
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Polly*.dll"));
        return platform
            .Concat(runtime)
            .Append(typeof(FluxSpecs.IModelRequest).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>A shipped card's id, the stem of its C# names (<c>Flux2Pro</c>) and its namespace.</summary>
public sealed record ShippedCard(string Id, string TypePrefix, string Namespace)
{
    /// <summary>How the generator starts the names of the card's files: the namespace, ending in the stem.</summary>
    public string HintPrefix => Namespace == TypePrefix || Namespace.EndsWith("." + TypePrefix, StringComparison.Ordinal) ? Namespace : Namespace + "." + TypePrefix;
}

/// <summary>What one generator run produced.</summary>
public sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IReadOnlyList<Diagnostic> Diagnostics => Result.Diagnostics;

    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    /// <summary>Errors and warnings of compiling the user's code together with everything generated.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    public Exception? GeneratorException => Result.Results.Single().Exception;
}

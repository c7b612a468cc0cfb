using System.Collections.Immutable;
using System.Reflection;
using FluxSpecs.Catalog;
using FluxSpecs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// Cards compiled at test time as the models project compiles specs/: the real generator in a real compilation (warnings
/// counted), emitted and loaded, with the catalog the generator wrote.
/// </summary>
public static class ScratchModels
{
    public const string RootNamespace = "CopyOfModels";

    /// <summary>What the compilation produced: the generated files' names, and the catalog of the loaded assembly.</summary>
    public sealed record Build(IReadOnlyList<string> HintNames, IReadOnlyList<ModelDescriptor> Catalog);

    /// <summary>Every <c>*.model.yaml</c> in <paramref name="folder"/>, compiled.</summary>
    public static Build CompileFolder(string folder) =>
        Compile(Directory.GetFiles(folder, "*.model.yaml").Order(StringComparer.Ordinal).Select(path => (path, File.ReadAllText(path))));

    /// <summary>Compiles the cards as a project would; any card diagnostic, compiler error or warning fails the test.</summary>
    public static Build Compile(IEnumerable<(string Path, string Text)> cards)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll"))
            .Append(typeof(IModelRequest).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            RootNamespace,
            [],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            [new ModelCardGenerator().AsSourceGenerator()],
            cards.Select(card => (AdditionalText)new Text(card.Path, card.Text)),
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options(RootNamespace));
        var run = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _).GetRunResult();
        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assert.Empty(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var assembly = Assembly.Load(image.ToArray());
        var catalog = (IReadOnlyList<ModelDescriptor>)assembly.GetType(RootNamespace + ".ModelCatalog")!.GetProperty("Models")!.GetValue(null)!;
        return new Build([.. run.Results.Single().GeneratedSources.Select(s => s.HintName)], catalog);
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", rootNamespace));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(ImmutableDictionary<string, string>.Empty);

        private sealed class Values(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

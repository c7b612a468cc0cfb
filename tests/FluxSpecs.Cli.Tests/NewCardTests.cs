using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using FluxSpecs.Catalog;
using FluxSpecs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FluxSpecs.Cli.Tests;

/// <summary>A card added to a copy of specs/ appears in every command with no CLI change: compiled by the real generator.</summary>
public sealed class NewCardTests
{
    private const string Card = """
        id: acme-sketch
        name: Acme Sketch
        parameters:
          prompt: { type: string, required: true }
          steps: { type: integer, min: 1, max: 50, default: 28 }
          style:
            type: enum
            values: [pencil, ink]
        providers:
          fal:
            model: acme/sketch
            parameters:
              steps: { field: num_inference_steps }
            pricing: { unit: usd, per_request: 0.01, source: https://example.com/acme-pricing, as_of: 2026-11-21 }
        """;

    [Fact]
    public async Task A_new_card_shows_up_in_models_and_payload()
    {
        var catalog = CompileCatalog(Directory.GetFiles(Path.Combine(RepositoryRootAttribute.Value, "specs"), "*.model.yaml")
            .Select(path => (path, File.ReadAllText(path)))
            .Append(("/copy/specs/acme-sketch.model.yaml", Card)));

        var models = await Cli.RunAsync(catalog, "", "models", "--json");
        var payload = await Cli.RunAsync(catalog, "", "payload", "--model", "acme-sketch", "--provider", "fal", "--set", "prompt=a cat", "--set", "steps=12", "--set", "style=ink", "--json");
        var price = await Cli.RunAsync(catalog, "", "price", "--model", "acme-sketch", "--all", "--set", "prompt=a cat", "--json");

        using var list = JsonDocument.Parse(models.Out);
        Assert.Contains("acme-sketch", list.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        using var request = JsonDocument.Parse(payload.Out);
        var body = request.RootElement.GetProperty("body");
        Assert.Equal(["prompt", "num_inference_steps", "style"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a cat", body.GetProperty("prompt").GetString());
        Assert.Equal(12, body.GetProperty("num_inference_steps").GetInt32());
        Assert.Equal("ink", body.GetProperty("style").GetString());
        Assert.EndsWith("/acme/sketch", request.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
        using var prices = JsonDocument.Parse(price.Out);
        Assert.Equal(0.01m, prices.RootElement[0].GetProperty("amount").GetDecimal());
    }

    /// <summary>Compiles the cards as a project would and returns the catalog the generator wrote.</summary>
    private static IReadOnlyList<ModelDescriptor> CompileCatalog(IEnumerable<(string Path, string Text)> cards)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll"))
            .Append(typeof(IModelRequest).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "CopyOfModels",
            [],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            [new ModelCardGenerator().AsSourceGenerator()],
            cards.Select(card => (AdditionalText)new Text(card.Path, card.Text)),
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options("CopyOfModels"));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(image.ToArray());
        return (IReadOnlyList<ModelDescriptor>)assembly.GetType("CopyOfModels.ModelCatalog")!.GetProperty("Models")!.GetValue(null)!;
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

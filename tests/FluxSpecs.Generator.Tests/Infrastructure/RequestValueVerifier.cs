using FluxSpecs.Generator.Analysis;
using FluxSpecs.Generator.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>
/// The request-value analyzer and its code fixes on the Roslyn testing library, in a project compiled as a user's: against
/// the FluxSpecs runtime and the FluxSpecs.Models assembly (the shipped cards, compiled), the way the package is consumed.
/// With cards given, the project holds those cards instead and the generator runs in it, as for a user who drops a card in.
/// </summary>
public static class RequestValueVerifier
{
    public const string Usings = """
        using System.Collections.Generic;
        using FluxSpecs.Images;
        using FluxSpecs.Models.Flux2Pro;

        """;

    /// <summary>The diagnostic <paramref name="id"/> at markup location <c>{|#n:…|}</c>, with the four parts of every message.</summary>
    public static DiagnosticResult Diagnostic(string id, int location, string model, string parameter, string value, string rule) =>
        CSharpAnalyzerVerifier<RequestValueAnalyzer, DefaultVerifier>.Diagnostic(id).WithLocation(location).WithArguments(model, parameter, value, rule);

    public static AnalyzerTest Analyzer(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => Analyzer(source, expected).RunAsync();

    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> one diagnostic at a time and with fix-all, to the same result.</summary>
    public static CodeFixTest CodeFix(string source, string fixedSource, string? equivalenceKey = null) =>
        new() { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };

    public sealed class AnalyzerTest : CSharpAnalyzerTest<RequestValueAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest() => ConsumerProject.Configure(TestState);

        /// <summary>Card files in the project, compiled by the generator in place of the FluxSpecs.Models assembly.</summary>
        public IReadOnlyList<InMemoryAdditionalText> Cards
        {
            init
            {
                ConsumerProject.AddCards(TestState, value);
                TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
                _generators = [typeof(ModelCardGenerator)];
            }
        }

        private readonly Type[] _generators = [];

        protected override IEnumerable<Type> GetSourceGenerators() => _generators;

        /// <summary>
        /// The library lists the analyzer's ids as <see cref="ReportDiagnostic.Default"/>, which the compiler reads as
        /// <c>/warnaserror-:id</c> and which then ignores an .editorconfig <c>severity = error</c>; no build does that.
        /// </summary>
        protected override Project ApplyCompilationOptions(Project project)
        {
            var applied = base.ApplyCompilationOptions(project);
            var options = applied.CompilationOptions!;
            return applied.WithCompilationOptions(options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.Where(option => option.Value != ReportDiagnostic.Default)));
        }

        protected override ParseOptions CreateParseOptions() => GeneratorHarness.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() => GeneratorHarness.CompilationOptions;
    }

    public sealed class CodeFixTest : CSharpCodeFixTest<RequestValueAnalyzer, RequestValueCodeFixProvider, DefaultVerifier>
    {
        public CodeFixTest() => ConsumerProject.Configure(TestState);

        protected override ParseOptions CreateParseOptions() => GeneratorHarness.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() => GeneratorHarness.CompilationOptions;
    }

    private static class ConsumerProject
    {
        /// <summary>
        /// Resolves no packages: the library's own reference sets are downloaded from NuGet when a test runs, and tests stay
        /// off the network. The references are the running .NET's, as the generator tests use.
        /// </summary>
        private static readonly ReferenceAssemblies NoPackages = new("net10.0");

        private static readonly string ModelsAssembly = typeof(FluxSpecs.Models.Flux2Pro.Flux2ProRequest).Assembly.Location;

        public static void Configure(SolutionState state)
        {
            state.ReferenceAssemblies = NoPackages;
            state.AdditionalReferences.AddRange(GeneratorHarness.References);
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(ModelsAssembly));
        }

        /// <summary>The cards replace the shipped models: the generated types would clash with the assembly's.</summary>
        public static void AddCards(SolutionState state, IReadOnlyList<InMemoryAdditionalText> cards)
        {
            var models = state.AdditionalReferences.Single(r => r is PortableExecutableReference { FilePath: var path } && path == ModelsAssembly);
            state.AdditionalReferences.Remove(models);
            foreach (var card in cards)
            {
                state.AdditionalFiles.Add((card.Path, card.GetText()));
            }

            state.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
                is_global = true
                build_property.RootNamespace = {GeneratorHarness.RootNamespace}
                """));
        }
    }
}

using System.Collections.Immutable;
using FluxSpecs.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles user code together with the code generated from the shipped cards, then runs the request-value analyzer,
/// as a build of a project that uses FluxSpecs would.
/// </summary>
public static class AnalyzerHarness
{
    public const string Usings = """
        using System.Collections.Generic;
        using FluxSpecs.Images;
        using FluxSpecs.Models.Flux2Pro;

        """;

    /// <summary>The user code compiled with the code generated from <paramref name="cards"/> (the shipped cards when null).</summary>
    public static Compilation CompileWithGeneratedModels(string source, IEnumerable<AdditionalText>? cards = null) =>
        CompileWithGeneratedModels(GeneratorHarness.Compilation(source), cards);

    /// <summary>As above, for a compilation built by the caller (its trees, paths and options).</summary>
    public static Compilation CompileWithGeneratedModels(Compilation compilation, IEnumerable<AdditionalText>? cards = null)
    {
        GeneratorHarness.CreateDriver(cards ?? GeneratorHarness.ShippedCards()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test code does not compile: " + string.Join("; ", errors));
        return output;
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, IEnumerable<AdditionalText>? cards = null) =>
        await AnalyzeAsync(CompileWithGeneratedModels(source, cards));

    /// <summary>The request-value diagnostics of <paramref name="compilation"/>, in source order, after the compiler's severity options.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var diagnostics = await compilation.WithAnalyzers([new RequestValueAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>"FSPEC1002 [1000] message": the id, the exact text the diagnostic underlines, and the message.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} [{diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)}] {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    public static async Task<string[]> DescribeAsync(string body) =>
        [.. (await AnalyzeAsync(Usings + body)).Select(Describe)];
}

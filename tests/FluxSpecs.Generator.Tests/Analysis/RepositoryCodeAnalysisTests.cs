using System.Collections.Immutable;
using System.Text.RegularExpressions;
using FluxSpecs.Generator.Analysis;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FluxSpecs.Generator.Tests.Analysis;

/// <summary>
/// The analyzer over the repository's own user code — each sample project's sources, and the README example users copy —
/// compiled as their builds compile them: against the FluxSpecs.Models assembly (the generated models, their rules as
/// attributes on the generated members), the FluxSpecs runtime, the emulator and the shared frameworks.
/// </summary>
/// <remarks>
/// Not on the Roslyn testing library (<see cref="RequestValueVerifier"/>): these sources are files of the repository, read
/// at run time, not test markup, and the library's extra runs (the code marked generated, <c>#pragma</c> suppression) would
/// rewrite them and analyze console programs with top-level statements three times over for no gain.
/// </remarks>
public sealed partial class RepositoryCodeAnalysisTests
{
    private static readonly string SamplesDirectory = Path.Combine(RepositoryRootAttribute.Value, "samples");

    public static TheoryData<string> Samples => [.. Directory.GetFiles(SamplesDirectory, "*.csproj", SearchOption.AllDirectories)
        .Select(project => Path.GetFileName(Path.GetDirectoryName(project)!))
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_reports_nothing(string sample)
    {
        var compilation = Compile(SampleSources(sample));

        Assert.Empty(await AnalyzeAsync(compilation));
    }

    [Fact]
    public async Task A_value_that_breaks_a_rule_is_reported_in_a_sample_compiled_this_way()
    {
        // Without this, the test above would also pass if the analyzer never recognized the referenced request types.
        const string broken = """var broken = new FluxSpecs.Models.Flux2Pro.Flux2ProRequest { Prompt = "x", SafetyTolerance = 9 };""";

        var compilation = Compile([.. SampleSources("GenerateImage"), ("Broken.cs", "internal static class Broken { static void Run() { " + broken + " } }")]);

        Assert.Equal(["FSPEC1001 [9] flux-2-pro: safety_tolerance is 9, but must be between 0 and 6"], await AnalyzeAsync(compilation));
    }

    [Fact]
    public async Task The_readme_example_reports_nothing()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRootAttribute.Value, "README.md"));
        var example = CSharpBlock().Match(readme);
        Assert.True(example.Success, "README.md has no ```csharp block");

        var compilation = Compile([("README.cs", example.Groups["code"].Value)]);

        Assert.Empty(await AnalyzeAsync(compilation));
    }

    /// <summary>"FSPEC1001 [9] message": the id, the exact text the diagnostic underlines, and the message, in source order.</summary>
    private static async Task<string[]> AnalyzeAsync(Compilation compilation)
    {
        var diagnostics = await compilation.WithAnalyzers([new RequestValueAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} [{d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}] {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }

    private static IEnumerable<(string Path, string Text)> SampleSources(string sample)
    {
        var directory = Path.Combine(SamplesDirectory, sample);
        var separator = Path.DirectorySeparatorChar;
        var sources = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))
            .ToList();
        Assert.NotEmpty(sources);
        return sources;
    }

    /// <summary>A console program of these sources with the SDK's implicit usings, which must compile without errors.</summary>
    private static Compilation Compile(IEnumerable<(string Path, string Text)> sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Append((Path: "ImplicitUsings.g.cs", Text: ImplicitUsings))
            .Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Path));
        var compilation = CSharpCompilation.Create(
            "Sample",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, "The code does not compile: " + string.Join("; ", errors));
        return compilation;
    }

    /// <summary>
    /// What the samples' project references bring: the shared frameworks (.NET and ASP.NET Core, which the emulator and
    /// the web sample use), FluxSpecs.Models with the generated models, the FluxSpecs runtime, the emulator, and the
    /// packages they expose, and OpenTelemetry for the telemetry sample. This test project references the same projects
    /// and packages, so the running process has loaded the same set; its trusted platform assemblies hold one file per
    /// assembly name.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var sharedFrameworks = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", ".."));
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.StartsWith(sharedFrameworks, StringComparison.Ordinal)
                || Path.GetFileName(path) is "FluxSpecs.dll" or "FluxSpecs.Models.dll" or "FluxSpecs.Emulator.dll" or "BouncyCastle.Cryptography.dll"
                || Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("Polly", StringComparison.Ordinal)
                || Path.GetFileName(path).StartsWith("OpenTelemetry", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>What <c>ImplicitUsings</c> gives a console project of the Microsoft.NET.Sdk.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [GeneratedRegex("```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>
/// <c>.editorconfig</c> files given to a compilation the way the compiler takes the ones MSBuild passes it
/// (<c>/analyzerconfig:</c>): parsed by Roslyn's own <see cref="AnalyzerConfig"/>, matched against each tree's path by
/// <see cref="AnalyzerConfigSet"/>, and their <c>dotnet_diagnostic.ID.severity</c> entries handed to the compilation as its
/// <see cref="SyntaxTreeOptionsProvider"/>. That provider, not the analyzer options, is what changes a diagnostic's
/// severity, for analyzers as for the compiler's own warnings.
/// </summary>
public sealed class EditorConfigSeverities : SyntaxTreeOptionsProvider
{
    private readonly AnalyzerConfigSet _configs;

    private EditorConfigSeverities(AnalyzerConfigSet configs) => _configs = configs;

    /// <summary><paramref name="compilation"/> with the <c>.editorconfig</c> at <paramref name="path"/> holding <paramref name="text"/>.</summary>
    public static Compilation Apply(Compilation compilation, string path, string text)
    {
        var configs = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(text, path)), out var diagnostics);
        Assert.Empty(diagnostics);
        return compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new EditorConfigSeverities(configs)));
    }

    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        _configs.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        _configs.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
}

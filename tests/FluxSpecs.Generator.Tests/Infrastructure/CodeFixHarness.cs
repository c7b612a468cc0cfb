using FluxSpecs.Generator.Analysis;
using FluxSpecs.Generator.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>Applies a request-value code fix in a real workspace and returns the fixed user code, after checking it compiles.</summary>
public static class CodeFixHarness
{
    public static async Task<IReadOnlyList<string>> TitlesAsync(string source, string diagnosticId)
    {
        var (document, diagnostic) = await FindAsync(source, diagnosticId);
        return (await ActionsAsync(document, diagnostic)).Select(a => a.Title).ToList();
    }

    public static async Task<string> ApplyAsync(string source, string diagnosticId, string title)
    {
        var (document, diagnostic) = await FindAsync(source, diagnosticId);
        var action = (await ActionsAsync(document, diagnostic)).Single(a => a.Title == title);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var fixedDocument = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;

        var compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        var remaining = await compilation.WithAnalyzers([new RequestValueAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(remaining, d => d.Id == diagnosticId);
        return (await fixedDocument.GetTextAsync()).ToString();
    }

    private static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await new RequestValueCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<(Document Document, Diagnostic Diagnostic)> FindAsync(string source, string diagnosticId)
    {
        var generated = AnalyzerHarness.CompileWithGeneratedModels(source).SyntaxTrees.Skip(1).ToList();
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "Consumer", "Consumer", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, GeneratorHarness.CompilationOptions)
            .WithProjectParseOptions(projectId, GeneratorHarness.ParseOptions)
            .AddMetadataReferences(projectId, GeneratorHarness.References);
        var userId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(userId, "User.cs", source);
        for (var i = 0; i < generated.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Generated{i}.g.cs", await generated[i].GetTextAsync());
        }

        var document = solution.GetDocument(userId)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([new RequestValueAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return (document, diagnostics.First(d => d.Id == diagnosticId));
    }
}

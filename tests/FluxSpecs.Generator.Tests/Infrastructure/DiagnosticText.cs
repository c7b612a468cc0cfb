using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>
/// Renders a diagnostic the way a build prints it — id, 1-based (line,column) span, message — so one string equality
/// asserts all of them, and a list equality asserts that nothing else was reported.
/// </summary>
public static class DiagnosticText
{
    public static string Of(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan().Span;
        return $"{diagnostic.Id} ({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1}): "
            + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string[] All(GeneratorRun run)
    {
        Assert.Null(run.GeneratorException);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        return run.Diagnostics.Select(Of).ToArray();
    }
}

using System.Text.RegularExpressions;
using FluxSpecs.Generator.Tests.Infrastructure;

namespace FluxSpecs.Generator.Tests.Generation;

/// <summary>The emitters name runtime and framework types only through <c>KnownTypes</c>, so a moved type is one edit.</summary>
public sealed partial class KnownTypesTests
{
    [Fact]
    public void No_emitter_spells_a_type_name_of_its_own()
    {
        var emit = Path.Combine(RepositoryRootAttribute.Value, "generator", "FluxSpecs.Generator", "Emit");

        var spelled = Directory.GetFiles(emit, "*.cs")
            .Where(path => Path.GetFileName(path) != "KnownTypes.cs")
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (File: Path.GetFileName(path), Line: index + 1, Text: line)))
            .Where(line => QualifiedName().IsMatch(line.Text))
            .Select(line => line.File + "(" + line.Line + "): " + line.Text.Trim());

        Assert.Empty(spelled);
    }

    [GeneratedRegex("global::[A-Z]")]
    private static partial Regex QualifiedName();
}

using System.Reflection;
using System.Text.RegularExpressions;

namespace FluxSpecs.Tests;

/// <summary>
/// The cards in specs/, so tests that list the shipped models follow the folder: adding a card needs no test edit.
/// </summary>
public static partial class ShippedCards
{
    public static string Directory { get; } = typeof(ShippedCards).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SpecsDirectory").Value!;

    /// <summary>Each card's <c>id</c>, in ordinal order (the catalog's).</summary>
    public static IReadOnlyList<string> Ids() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.model.yaml")
            .Select(path => IdLine().Match(File.ReadAllText(path)) is { Success: true } match
                ? match.Groups[1].Value
                : throw new InvalidOperationException($"{path} has no top-level id."))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^id:\s*([^\s#]+)", RegexOptions.Multiline)]
    private static partial Regex IdLine();
}

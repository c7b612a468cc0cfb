using System.Text.RegularExpressions;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// The cards in specs/, so tests that list the shipped models follow the folder: adding a card needs no test edit.
/// </summary>
public static partial class ShippedCards
{
    public static string Directory => Path.Combine(RepositoryRootAttribute.Value, "specs");

    public static IReadOnlyList<string> Files() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.model.yaml").Order(StringComparer.Ordinal)];

    /// <summary>Each card's <c>id</c>, in ordinal order.</summary>
    public static IReadOnlyList<string> Ids() => [.. Files().Select(IdOf).Order(StringComparer.Ordinal)];

    /// <summary>The top-level <c>id</c> of the card at <paramref name="path"/>.</summary>
    public static string IdOf(string path) => IdLine().Match(File.ReadAllText(path)) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"{path} has no top-level id.");

    [GeneratedRegex(@"^id:\s*([^\s#]+)", RegexOptions.Multiline)]
    private static partial Regex IdLine();
}

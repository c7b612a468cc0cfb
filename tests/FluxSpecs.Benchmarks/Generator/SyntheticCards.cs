using System.Text.RegularExpressions;
using FluxSpecs.Benchmarks.Infrastructure;
using FluxSpecs.Generator;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Benchmarks.Generator;

/// <summary>
/// Any number of distinct cards made from the shipped ones (<c>specs/*.model.yaml</c>): card <c>n</c> is a shipped card
/// with its id renamed to <c>bench-{n}-{id}</c>, so each card generates its own types in its own namespace.
/// </summary>
public static partial class SyntheticCards
{
    private static readonly Lazy<IReadOnlyList<(string Id, string Text)>> Shipped = new(() =>
        Directory.GetFiles(Path.Combine(RepositoryRootAttribute.Value, "specs"), "*" + ModelCardGenerator.CardSuffix)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => File.ReadAllText(path))
            .Select(text => (IdLine().Match(text).Groups[1].Value, text))
            .ToList());

    /// <summary><paramref name="count"/> cards, alternating between the shipped ones.</summary>
    public static IReadOnlyList<AdditionalText> Create(int count) =>
        [.. Enumerable.Range(0, count).Select(Card)];

    /// <summary>Card <paramref name="index"/>.</summary>
    public static AdditionalText Card(int index)
    {
        var (id, text) = Shipped.Value[index % Shipped.Value.Count];
        var renamed = $"bench-{index}-{id}";
        return new InMemoryAdditionalText($"/bench/specs/{renamed}{ModelCardGenerator.CardSuffix}", IdLine().Replace(text, "id: " + renamed, 1));
    }

    /// <summary>The same card with a changed display name: a real edit that changes its generated code.</summary>
    public static AdditionalText Edited(AdditionalText card)
    {
        var text = card.GetText()!.ToString();
        return new InMemoryAdditionalText(card.Path, NameLine().Replace(text, "name: $1 (edited)", 1));
    }

    [GeneratedRegex(@"^id:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^name:\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}

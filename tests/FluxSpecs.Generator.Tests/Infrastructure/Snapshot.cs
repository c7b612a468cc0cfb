using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Verify (not restorable here), with its file names so a later switch is trivial: the expected
/// text lives in <c>Snapshots/{name}.verified.{ext}</c>; a mismatch writes <c>{name}.received.{ext}</c> beside it and
/// fails with a line diff. Set <c>FLUXSPECS_ACCEPT_SNAPSHOTS=1</c> to accept the received text.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "FLUXSPECS_ACCEPT_SNAPSHOTS";

    /// <summary>The command that accepts every snapshot, as README's "Adding a model" gives it.</summary>
    public const string AcceptCommand = AcceptVariable + "=1 dotnet test tests/FluxSpecs.Generator.Tests -c Release";

    /// <summary>Where the snapshots live.</summary>
    public static string Directory => Path.Combine(RepositoryRootAttribute.Value, "tests", "FluxSpecs.Generator.Tests", "Snapshots");

    public static void Match(string actual, string name, string extension = "cs") =>
        MatchFile(actual, Path.Combine(Directory, name + ".verified." + extension), Path.Combine(Directory, name + ".received." + extension));

    /// <summary>Compares <paramref name="actual"/> with a committed file outside the snapshot folder (the card schema).</summary>
    public static void MatchFile(string actual, string verifiedPath, string receivedPath) =>
        MatchFile(actual, verifiedPath, receivedPath, Environment.GetEnvironmentVariable(AcceptVariable) == "1");

    public static void MatchFile(string actual, string verifiedPath, string receivedPath, bool accept)
    {
        actual = Normalize(actual);
        var expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (accept)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException(expected is null
            ? $"No snapshot yet: {verifiedPath} (a new card?). The output was written to {receivedPath}; review it, then accept it with: {AcceptCommand}"
            : $"The output differs from {verifiedPath} (written to {receivedPath}; review it, then accept it with: {AcceptCommand}):{Environment.NewLine}{Diff(expected, actual)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');

    /// <summary>The changed lines with a little context, numbered by the expected file.</summary>
    private static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual, ignoreWhitespace: false);
        var builder = new StringBuilder();
        var lines = model.Lines;
        var shown = 0;
        for (var i = 0; i < lines.Count && shown < 60; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2)).Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!near)
            {
                continue;
            }

            var marker = lines[i].Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            builder.Append(marker).Append(lines[i].Position?.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4) ?? "    ").Append(' ').AppendLine(lines[i].Text);
            shown++;
        }

        return builder.ToString();
    }
}

using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FluxSpecs.Packaging.Tests.Infrastructure;

/// <summary>A package opened as the zip it is: its files and its nuspec.</summary>
public sealed partial class Nupkg : IDisposable
{
    private static readonly string[] PackagingParts = ["_rels/", "package/services/metadata/", "[Content_Types].xml"];

    private readonly ZipArchive _zip;

    private Nupkg(string path, ZipArchive zip)
    {
        Path = path;
        _zip = zip;
        Nuspec = XDocument.Load(_zip.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
    }

    public string Path { get; }

    public XDocument Nuspec { get; }

    /// <summary>Every file path, without the zip's own packaging parts (_rels, [Content_Types].xml, core properties).</summary>
    public IReadOnlyList<string> Files =>
        [.. _zip.Entries.Select(e => e.FullName).Where(name => !PackagingParts.Any(part => name.StartsWith(part, StringComparison.Ordinal))).Order(StringComparer.Ordinal)];

    /// <summary>The files under <paramref name="folder"/> (ending with a slash), by path relative to it.</summary>
    public IReadOnlyList<string> FilesUnder(string folder) =>
        [.. Files.Where(f => f.StartsWith(folder, StringComparison.Ordinal)).Select(f => f[folder.Length..])];

    /// <summary>The text of one file of the package.</summary>
    public string ReadText(string path)
    {
        using var reader = new StreamReader(_zip.GetEntry(path)?.Open() ?? throw new FileNotFoundException($"{System.IO.Path.GetFileName(Path)} has no {path}"));
        return reader.ReadToEnd();
    }

    /// <summary>The value of a metadata element of the nuspec (<c>id</c>, <c>version</c>, <c>description</c> …).</summary>
    public string? Metadata(string name) => Element(name)?.Value;

    /// <summary>A metadata element of the nuspec.</summary>
    public XElement? Element(string name) => Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata").Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>The dependencies of every target framework group.</summary>
    public IReadOnlyList<XElement> Dependencies =>
        [.. Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")];

    public static Nupkg Open(string path) => new(path, ZipFile.OpenRead(path));

    /// <summary>The package id in a file name such as <c>FluxSpecs.Models.0.1.0.nupkg</c> (the version starts at the first numeric part).</summary>
    public static string IdFromFileName(string fileName, string extension) =>
        VersionSuffix().Replace(fileName[..^extension.Length], "");

    public void Dispose() => _zip.Dispose();

    [GeneratedRegex(@"\.\d+\.\d+\.\d+.*$")]
    private static partial Regex VersionSuffix();
}

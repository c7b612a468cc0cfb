using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FluxSpecs.Packaging.Tests.Infrastructure;

/// <summary>
/// A brand-new console project in a temporary folder, as a stranger would write it: one package reference (FluxSpecs,
/// or FluxSpecs.Models) and whatever the test writes beside it. Its nuget.config takes FluxSpecs from the local feed only and everything else from the sources
/// this machine restores from; its NuGet packages folder is its own, so no cache is read or written outside it.
/// </summary>
public sealed partial class ConsumerProject : IDisposable
{
    private const string LocalFeedName = "fluxspecs-local";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fluxspecs-consumer-");

    private ConsumerProject(string projectName, string packageId, string packageVersion)
    {
        ProjectName = projectName;
        PackageId = packageId;
        PackageVersion = packageVersion;
    }

    public string ProjectName { get; }

    /// <summary>The one package the project references.</summary>
    public string PackageId { get; }

    public string PackageVersion { get; }

    public string Root => _root.FullName;

    /// <summary>Variables every command in the project runs with.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the project, referencing <paramref name="packageId"/> only; reads the machine's package sources first,
    /// before its own nuget.config exists.
    /// </summary>
    public static async Task<ConsumerProject> CreateAsync(string feed, string packageVersion, string projectName, string packageId = "FluxSpecs")
    {
        var project = new ConsumerProject(projectName, packageId, packageVersion);
        try
        {
            project.Environment["NUGET_PACKAGES"] = Path.Combine(project.Root, ".nuget", "packages");
            project.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            var sources = await MachineSourcesAsync(project);
            project.Write("nuget.config", NuGetConfig(feed, sources));

            // Nothing above the temporary folder may shape the build.
            project.Write("Directory.Build.props", "<Project />\n");
            project.Write("Directory.Build.targets", "<Project />\n");
            project.Write("Directory.Packages.props", "<Project />\n");
            project.WriteProjectFile();
            return project;
        }
        catch
        {
            project.Dispose();
            throw;
        }
    }

    /// <summary>
    /// (Re)writes the project file: a console program with warnings as errors and the one package reference, plus
    /// <paramref name="extra"/> (MSBuild elements placed inside <c>&lt;Project&gt;</c>, after the reference).
    /// </summary>
    public void WriteProjectFile(string extra = "") =>
        Write(ProjectName + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageId}" Version="{PackageVersion}" />
              </ItemGroup>
            {extra}
            </Project>
            """);

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary><c>dotnet build</c> with the classic console logger, so each error reads <c>file(line,col): error ID: …</c>.</summary>
    public Task<CommandResult> BuildAsync(TimeSpan timeout) =>
        Dotnet.RunAsync(Root, timeout, Environment, "build", "-c", "Release", "-nodeReuse:false", "-tl:off", "-v:minimal");

    /// <summary>Runs the built program (its dll, with <c>dotnet</c>), with extra variables if any.</summary>
    public Task<CommandResult> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? variables = null)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return Dotnet.RunAsync(Root, timeout, environment, Path.Combine(Root, "bin", "Release", "net10.0", ProjectName + ".dll"));
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open (an analyzer's shadow copy) must not fail the test; the folder is temporary anyway.
        }
    }

    /// <summary>The enabled sources of <c>dotnet nuget list source</c> (user and machine configuration), by name.</summary>
    private static async Task<IReadOnlyList<(string Name, string Url)>> MachineSourcesAsync(ConsumerProject project)
    {
        var list = await Dotnet.RunAsync(project.Root, TimeSpan.FromSeconds(60), project.Environment, "nuget", "list", "source", "--format", "detailed");
        Assert.True(list.Succeeded, list.ToString());
        var sources = new List<(string, string)>();
        var lines = list.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (SourceLine().Match(lines[i]) is { Success: true } source && source.Groups["state"].Value == "Enabled")
            {
                sources.Add((source.Groups["name"].Value, lines[i + 1]));
            }
        }

        Assert.True(sources.Count > 0, "no enabled package source on this machine:" + System.Environment.NewLine + list);
        return sources;
    }

    private static string NuGetConfig(string feed, IReadOnlyList<(string Name, string Url)> sources)
    {
        var config = new XElement(
            "configuration",
            new XElement(
                "packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", LocalFeedName), new XAttribute("value", feed)),
                sources.Select(s => new XElement("add", new XAttribute("key", s.Name), new XAttribute("value", s.Url)))),
            // FluxSpecs comes from the local feed and nowhere else; every other package from the machine's sources.
            new XElement(
                "packageSourceMapping",
                new XElement("clear"),
                new XElement(
                    "packageSource",
                    new XAttribute("key", LocalFeedName),
                    new XElement("package", new XAttribute("pattern", "FluxSpecs")),
                    new XElement("package", new XAttribute("pattern", "FluxSpecs.*"))),
                sources.Select(s => new XElement("packageSource", new XAttribute("key", s.Name), new XElement("package", new XAttribute("pattern", "*"))))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), config).ToString();
    }

    [GeneratedRegex(@"^\d+\.\s+(?<name>.+?)\s+\[(?<state>Enabled|Disabled)\]$")]
    private static partial Regex SourceLine();
}

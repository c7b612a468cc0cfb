namespace FluxSpecs.Packaging.Tests.Infrastructure;

/// <summary>
/// The three packages, packed once per test run into a temporary folder that then serves as a local feed. They are
/// packed from this configuration's build outputs (<c>--no-build</c>), which the test project's references have built,
/// so packing never races the build of the solution around it.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private static readonly (string Project, string PackageId)[] Packable =
    [
        ("src/FluxSpecs/FluxSpecs.csproj", "FluxSpecs"),
        ("src/FluxSpecs.Models/FluxSpecs.Models.csproj", "FluxSpecs.Models"),
        ("src/FluxSpecs.Cli/FluxSpecs.Cli.csproj", "FluxSpecs.Tool"),
    ];

    private readonly DirectoryInfo _feed = Directory.CreateTempSubdirectory("fluxspecs-feed-");

    /// <summary>The folder holding the .nupkg and .snupkg files: a local NuGet feed.</summary>
    public string Feed => _feed.FullName;

    /// <summary>How long packing took, all three together.</summary>
    public TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        var repository = RepositoryAttribute.Current;
        foreach (var (project, _) in Packable)
        {
            var pack = await Dotnet.RunAsync(
                repository.Root,
                TimeSpan.FromMinutes(2),
                environment: null,
                "pack", Path.Combine(repository.Root, project), "--no-build", "-c", repository.Configuration, "-o", Feed, "-nodeReuse:false");
            Assert.True(pack.Succeeded, pack.ToString());
            Assert.DoesNotContain(": warning ", pack.Output, StringComparison.OrdinalIgnoreCase);
            Elapsed += pack.Elapsed;
        }
    }

    /// <summary>The package <paramref name="id"/> (its .nupkg, or its .snupkg with <paramref name="symbols"/>).</summary>
    public Nupkg Open(string id, bool symbols = false)
    {
        var extension = symbols ? ".snupkg" : ".nupkg";
        var matches = Directory.GetFiles(Feed, id + ".*" + extension)
            .Where(path => Nupkg.IdFromFileName(Path.GetFileName(path), extension) == id)
            .ToList();
        Assert.True(matches.Count == 1, $"expected one {id}{extension} in {Feed}, found: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        return Nupkg.Open(matches[0]);
    }

    public Task DisposeAsync()
    {
        _feed.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Tests that share <see cref="PackedPackages"/> run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}

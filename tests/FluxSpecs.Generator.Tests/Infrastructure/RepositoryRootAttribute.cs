namespace FluxSpecs.Generator.Tests.Infrastructure;

/// <summary>The repository root at build time, so tests find specs/ and their snapshot files without guessing.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;

    public static string Value => typeof(RepositoryRootAttribute).Assembly
        .GetCustomAttributes(typeof(RepositoryRootAttribute), false)
        .Cast<RepositoryRootAttribute>()
        .Single().Path;
}

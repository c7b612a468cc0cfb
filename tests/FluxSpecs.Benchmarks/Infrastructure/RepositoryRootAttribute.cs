namespace FluxSpecs.Benchmarks.Infrastructure;

/// <summary>The repository root at build time, so the generator benchmarks find specs/ without guessing.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;

    public static string Value => typeof(RepositoryRootAttribute).Assembly
        .GetCustomAttributes(typeof(RepositoryRootAttribute), false)
        .Cast<RepositoryRootAttribute>()
        .Single().Path;
}

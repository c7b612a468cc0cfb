namespace FluxSpecs.Cli.Tests;

[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;

    public static string Value => typeof(RepositoryRootAttribute).Assembly.GetCustomAttributes(typeof(RepositoryRootAttribute), false).Cast<RepositoryRootAttribute>().Single().Path;
}

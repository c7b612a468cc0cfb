namespace FluxSpecs.Packaging.Tests.Infrastructure;

/// <summary>Where the repository is, and the configuration these tests were built in (the packages are packed from it).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryAttribute(string root, string configuration) : Attribute
{
    public string Root { get; } = root;

    public string Configuration { get; } = configuration;

    public static RepositoryAttribute Current { get; } =
        typeof(RepositoryAttribute).Assembly.GetCustomAttributes(typeof(RepositoryAttribute), false).Cast<RepositoryAttribute>().Single();
}

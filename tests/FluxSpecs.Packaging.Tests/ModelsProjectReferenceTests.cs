namespace FluxSpecs.Packaging.Tests;

/// <summary>
/// A project that references <c>src/FluxSpecs.Models</c> as README's "Using the library" says — the project, plus the
/// generator as an analyzer, since a project reference carries no analyzers — gets the request-value analyzer as a
/// package consumer does: a constant that breaks a card rule, in a request or in its provider options, fails the build.
/// Built with <c>dotnet build</c> in a temporary folder against this configuration's outputs of the repository.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ModelsProjectReferenceTests
{
    /// <summary>The two lines README gives, with the repository's path.</summary>
    private static string References(bool analyzer) => $"""
        <ProjectReference Include="{Path.Combine(RepositoryAttribute.Current.Root, "src", "FluxSpecs.Models", "FluxSpecs.Models.csproj")}" />
        {(analyzer ? $"""<ProjectReference Include="{Path.Combine(RepositoryAttribute.Current.Root, "generator", "FluxSpecs.Generator", "FluxSpecs.Generator.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />""" : "")}
        """;

    private const string Program = """
        using FluxSpecs.Models.Flux2Dev;
        using FluxSpecs.Models.Flux2Pro;

        var pro = new Flux2ProRequest { Prompt = "x", SafetyTolerance = 9 };
        var dev = new Flux2DevRequest { Prompt = "x", Fal = new Flux2DevFalOptions { NumInferenceSteps = 60 } };
        Console.WriteLine(pro.Validate().IsValid && dev.Validate().IsValid);
        """;

    [Fact]
    public async Task The_documented_project_references_bring_the_analyzer_and_a_bad_constant_fails_the_build()
    {
        var build = await BuildAsync(analyzer: true);

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains("error FSPEC1001: flux-2-pro: safety_tolerance is 9, but must be between 0 and 6", build.Output, StringComparison.Ordinal);
        Assert.Contains("error FSPEC1001: flux-2-dev: fal.num_inference_steps is 60, but must be between 4 and 50", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_models_project_alone_brings_no_analyzer_which_is_why_README_names_the_second_reference()
    {
        var build = await BuildAsync(analyzer: false);

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("FSPEC", build.Output, StringComparison.Ordinal);
    }

    private static async Task<CommandResult> BuildAsync(bool analyzer)
    {
        var folder = Directory.CreateTempSubdirectory("fluxspecs-models-reference-");
        try
        {
            // Nothing above the temporary folder may shape the build.
            File.WriteAllText(Path.Combine(folder.FullName, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(folder.FullName, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(folder.FullName, "Directory.Packages.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(folder.FullName, "Program.cs"), Program);
            File.WriteAllText(Path.Combine(folder.FullName, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    {References(analyzer)}
                  </ItemGroup>
                </Project>
                """);

            // The referenced projects are already built in this configuration (this test project references them); not
            // building them again keeps the repository's outputs untouched while the packaging tests read them.
            var environment = new Dictionary<string, string> { ["DOTNET_CLI_UI_LANGUAGE"] = "en" };
            return await Dotnet.RunAsync(folder.FullName, TimeSpan.FromMinutes(3), environment, "build", "-c", RepositoryAttribute.Current.Configuration, "--no-dependencies", "-nodeReuse:false");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

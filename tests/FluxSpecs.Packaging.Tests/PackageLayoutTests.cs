namespace FluxSpecs.Packaging.Tests;

/// <summary>What each package holds, file by file, and what its nuspec says.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageLayoutTests(PackedPackages packages)
{
    public static TheoryData<string> PackageIds() => ["FluxSpecs", "FluxSpecs.Models", "FluxSpecs.Tool"];

    [Fact]
    public void FluxSpecs_holds_the_runtime_the_generator_analyzer_code_fixes_yaml_parser_and_props_and_nothing_else()
    {
        using var package = packages.Open("FluxSpecs");

        Assert.Equal(
            [
                "FluxSpecs.nuspec",
                "LICENSE",
                "README.md",
                "analyzers/dotnet/cs/FluxSpecs.Generator.CodeFixes.dll",
                "analyzers/dotnet/cs/FluxSpecs.Generator.dll",
                "analyzers/dotnet/cs/YamlDotNet.dll",
                "build/FluxSpecs.props",
                "buildTransitive/FluxSpecs.props",
                "lib/net10.0/FluxSpecs.dll",
                "lib/net10.0/FluxSpecs.xml",
            ],
            package.Files);
    }

    [Fact]
    public void FluxSpecs_props_add_the_consumers_cards_unless_turned_off_in_build_and_buildTransitive()
    {
        using var package = packages.Open("FluxSpecs");

        var build = package.ReadText("build/FluxSpecs.props");
        Assert.Equal(build, package.ReadText("buildTransitive/FluxSpecs.props"));
        Assert.Contains("<AdditionalFiles Include=\"$(MSBuildProjectDirectory)/specs/**/*.model.yaml\" />", build, StringComparison.Ordinal);
        Assert.Contains("'$(FluxSpecsIncludeSpecs)' != 'false'", build, StringComparison.Ordinal);
        Assert.Contains("<CompilerVisibleProperty Include=\"RootNamespace\" />", build, StringComparison.Ordinal);
    }

    [Fact]
    public void FluxSpecs_depends_on_runtime_packages_only()
    {
        using var package = packages.Open("FluxSpecs");

        var ids = package.Dependencies.Select(d => d.Attribute("id")!.Value).ToList();
        Assert.Contains("Microsoft.Extensions.Http", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || id is "YamlDotNet" or "FluxSpecs.Generator" or "FluxSpecs.Generator.CodeFixes");
    }

    [Fact]
    public void FluxSpecs_Models_holds_the_compiled_cards_and_depends_on_FluxSpecs_with_its_analyzers_and_props()
    {
        using var models = packages.Open("FluxSpecs.Models");
        using var runtime = packages.Open("FluxSpecs");

        Assert.Equal(
            ["FluxSpecs.Models.nuspec", "LICENSE", "README.md", "lib/net10.0/FluxSpecs.Models.dll", "lib/net10.0/FluxSpecs.Models.xml"],
            models.Files);
        var dependency = Assert.Single(models.Dependencies);
        Assert.Equal("FluxSpecs", dependency.Attribute("id")!.Value);
        Assert.Equal(runtime.Metadata("version"), dependency.Attribute("version")!.Value);
        // Nothing excluded: a consumer of the models gets the analyzer (for Flux2ProRequest constants) and the props.
        Assert.Null(dependency.Attribute("exclude"));
    }

    [Fact]
    public void The_tool_package_has_the_dotnet_tool_layout_with_the_fluxspecs_command()
    {
        using var tool = packages.Open("FluxSpecs.Tool");

        Assert.Equal("DotnetTool", tool.Element("packageTypes")!.Elements().Single().Attribute("name")!.Value);
        var files = tool.FilesUnder("tools/net10.0/any/");
        Assert.Contains("FluxSpecs.Cli.dll", files);
        Assert.Contains("FluxSpecs.Cli.runtimeconfig.json", files);
        Assert.Contains("FluxSpecs.Models.dll", files);
        Assert.Contains("FluxSpecs.Emulator.dll", files);
        Assert.Contains("fluxspecs", tool.ReadText("tools/net10.0/any/DotnetToolSettings.xml"), StringComparison.Ordinal);
        Assert.All(tool.Files, file => Assert.True(file.StartsWith("tools/net10.0/any/", StringComparison.Ordinal) || file is "LICENSE" or "README.md" or "FluxSpecs.Tool.nuspec", file));
        // The generator runs when the cards are compiled, never in the tool.
        Assert.DoesNotContain("FluxSpecs.Generator.dll", files);
        Assert.DoesNotContain("YamlDotNet.dll", files);
        Assert.Empty(tool.Dependencies);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void A_package_carries_no_test_or_build_junk(string id)
    {
        using var package = packages.Open(id);

        Assert.All(package.Files, file =>
        {
            var name = Path.GetFileName(file);
            Assert.DoesNotContain("/obj/", "/" + file, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/bin/", "/" + file, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.Contains(".Tests.", StringComparison.OrdinalIgnoreCase), file);
            Assert.False(name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Microsoft.TestPlatform", StringComparison.OrdinalIgnoreCase), file);
            Assert.False(name.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal), file);
            Assert.False(name.EndsWith(".cs", StringComparison.Ordinal) || name.EndsWith(".csproj", StringComparison.Ordinal) || name.EndsWith(".cache", StringComparison.Ordinal), file);
            Assert.False(name.EndsWith(".received.cs", StringComparison.Ordinal) || name.EndsWith(".verified.cs", StringComparison.Ordinal), file);
        });
    }

    [Theory]
    [InlineData("FluxSpecs", "lib/net10.0/FluxSpecs.pdb")]
    [InlineData("FluxSpecs.Models", "lib/net10.0/FluxSpecs.Models.pdb")]
    public void A_library_ships_its_symbols_in_a_snupkg_and_none_in_the_nupkg(string id, string pdb)
    {
        using var package = packages.Open(id);
        using var symbols = packages.Open(id, symbols: true);

        Assert.DoesNotContain(package.Files, file => file.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.Contains(pdb, symbols.Files);
        Assert.Equal(package.Metadata("version"), symbols.Metadata("version"));
    }

    [Fact]
    public void Generated_code_names_the_version_of_the_package_that_generated_it()
    {
        using var package = packages.Open("FluxSpecs");

        var stamp = typeof(FluxSpecs.Models.Flux2Pro.Flux2ProRequest).GetCustomAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false)
            .Cast<System.CodeDom.Compiler.GeneratedCodeAttribute>().Single();
        Assert.Equal("FluxSpecs.Generator", stamp.Tool);
        Assert.Equal(package.Metadata("version"), stamp.Version);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void A_package_has_a_description_license_readme_tags_and_repository(string id)
    {
        using var package = packages.Open(id);

        Assert.Equal(id, package.Metadata("id"));
        Assert.False(string.IsNullOrWhiteSpace(package.Metadata("description")));
        Assert.Equal("expression", package.Element("license")!.Attribute("type")!.Value);
        Assert.Equal("MIT", package.Metadata("license"));
        Assert.Contains("MIT License", package.ReadText("LICENSE"), StringComparison.Ordinal);
        Assert.Equal("README.md", package.Metadata("readme"));
        Assert.Contains("FluxSpecs.Models", package.ReadText("README.md"), StringComparison.Ordinal);
        Assert.Contains("flux", package.Metadata("tags")!.Split(' '));
        Assert.Equal("FluxSpecs contributors", package.Metadata("authors"));
        var repository = package.Element("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")!.Value);
        // SourceLink stamps the commit whenever the sources are a git clone; the URL only when the clone has a remote.
        if (Path.Exists(Path.Combine(RepositoryAttribute.Current.Root, ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        }
    }
}

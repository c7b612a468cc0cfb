namespace FluxSpecs.Packaging.Tests;

/// <summary>The tool package installs from the local feed and runs as <c>fluxspecs</c>.</summary>
[Collection(PackagesCollection.Name)]
public sealed class ToolPackageTests(PackedPackages packages)
{
    [Fact]
    public async Task The_tool_installs_from_the_feed_and_lists_the_shipped_models()
    {
        var folder = Directory.CreateTempSubdirectory("fluxspecs-tool-");
        try
        {
            // The local feed alone: the tool package has no dependencies, so nothing else is asked for.
            var config = Path.Combine(folder.FullName, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="fluxspecs-local" value="{System.Security.SecurityElement.Escape(packages.Feed)}" />
                  </packageSources>
                </configuration>
                """);
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder.FullName, "packages") };
            var tools = Path.Combine(folder.FullName, "tools");

            var install = await Dotnet.RunAsync(folder.FullName, TimeSpan.FromSeconds(90), environment, "tool", "install", "FluxSpecs.Tool", "--tool-path", tools, "--configfile", config);
            Assert.True(install.Succeeded, install.ToString());

            environment["DOTNET_ROOT"] = Dotnet.Root();
            var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "fluxspecs.exe" : "fluxspecs");
            var models = await Dotnet.RunProgramAsync(command, folder.FullName, TimeSpan.FromSeconds(60), environment, "models", "--json");
            Assert.True(models.Succeeded, models.ToString());
            using var list = System.Text.Json.JsonDocument.Parse(models.Output);
            Assert.Equal(["flux-2-dev", "flux-2-flex", "flux-2-klein-4b", "flux-2-klein-9b", "flux-2-max", "flux-2-pro"], list.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// The providers' own example requests work as they are written: seed 000's and seed 001's example bodies (core.today,
/// copied verbatim into Seeds/, a comment naming the seed) validate and map back to the same body through
/// <c>payload --request</c>, including seed 001's <c>"output_format": "jpg"</c>, Replicate's spelling of jpeg.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class SeedRequestTests
{
    [Theory]
    [InlineData("seed-000-core-today-flux-2-pro.json", "flux-2-pro")]
    [InlineData("seed-001-core-today-flux-2-dev.json", "flux-2-dev")]
    public async Task A_seed_example_body_validates_on_core_today(string file, string model)
    {
        var result = await Cli.RunAsync("validate", "--model", model, "--provider", "core-today", "--request", SeedFile(file), "--json");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var document = JsonDocument.Parse(result.Out);
        Assert.True(document.RootElement.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("seed-000-core-today-flux-2-pro.json", "flux-2-pro")]
    [InlineData("seed-001-core-today-flux-2-dev.json", "flux-2-dev")]
    public async Task A_seed_example_body_maps_to_itself_on_core_today(string file, string model)
    {
        var result = await Cli.RunAsync("payload", "--model", model, "--provider", "core-today", "--request", SeedFile(file), "--json");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var body = JsonNode.Parse(result.Out)!["body"]!;
        var seed = JsonNode.Parse(File.ReadAllText(SeedFile(file)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

        // The same fields and values; the mapper writes them in card order, the seed in its own.
        Assert.Equal(Canonical(seed), Canonical(body));
    }

    [Fact]
    public async Task A_provider_spelling_is_normalised_to_the_model_value_and_mapped_per_provider()
    {
        // jpg is how Replicate and core.today spell jpeg; BFL spells it jpeg.
        var validation = await Cli.RunAsync("validate", "--model", "flux-2-pro", "--set", "prompt=x", "--set", "output_format=jpg", "--json");
        var bfl = await Cli.RunAsync("payload", "--model", "flux-2-pro", "--provider", "bfl", "--set", "prompt=x", "--set", "output_format=jpg", "--json");
        var replicate = await Cli.RunAsync("payload", "--model", "flux-2-pro", "--provider", "replicate", "--set", "prompt=x", "--set", "output_format=jpg", "--json");

        Assert.Equal(0, validation.ExitCode);
        Assert.Equal("jpeg", JsonNode.Parse(bfl.Out)!["body"]!["output_format"]!.GetValue<string>());
        Assert.Equal("jpg", JsonNode.Parse(replicate.Out)!["body"]!["input"]!["output_format"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spelling_no_provider_uses_is_still_refused_with_the_model_values()
    {
        var result = await Cli.RunAsync("validate", "--model", "flux-2-pro", "--set", "prompt=x", "--set", "output_format=jpe");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("output_format takes one of jpeg, png, webp, gif, avif, but got 'jpe'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_for_another_model_is_refused()
    {
        var result = await Cli.RunAsync("payload", "--model", "flux-2-pro", "--provider", "core-today", "--request", SeedFile("seed-001-core-today-flux-2-dev.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"model\" is 'black-forest-labs/flux-2-dev', but the command is for flux-2-pro", result.Error, StringComparison.Ordinal);
    }

    private static string SeedFile(string name) => Path.Combine(RepositoryRootAttribute.Value, "tests", "FluxSpecs.Cli.Tests", "Seeds", name);

    /// <summary>The JSON with every object's properties sorted, so two bodies compare by content.</summary>
    private static string Canonical(JsonNode node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value!))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(item => Canonical(item!))) + "]",
        _ => node.ToJsonString(),
    };
}

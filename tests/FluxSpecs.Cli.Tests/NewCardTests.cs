using System.Text.Json;

namespace FluxSpecs.Cli.Tests;

/// <summary>A card added to a copy of specs/ appears in every command with no CLI change: compiled by the real generator.</summary>
public sealed class NewCardTests
{
    private const string Card = """
        id: acme-sketch
        name: Acme Sketch
        parameters:
          prompt: { type: string, required: true }
          steps: { type: integer, min: 1, max: 50, default: 28 }
          style:
            type: enum
            values: [pencil, ink]
        providers:
          fal:
            model: acme/sketch
            parameters:
              steps: { field: num_inference_steps }
            pricing: { unit: usd, per_request: 0.01, source: https://example.com/acme-pricing, as_of: 2026-11-21 }
        """;

    [Fact]
    public async Task A_new_card_shows_up_in_models_and_payload()
    {
        var catalog = ScratchModels.Compile(Directory.GetFiles(Path.Combine(RepositoryRootAttribute.Value, "specs"), "*.model.yaml")
            .Select(path => (path, File.ReadAllText(path)))
            .Append(("/copy/specs/acme-sketch.model.yaml", Card))).Catalog;

        var models = await Cli.RunAsync(catalog, "", "models", "--json");
        var payload = await Cli.RunAsync(catalog, "", "payload", "--model", "acme-sketch", "--provider", "fal", "--set", "prompt=a cat", "--set", "steps=12", "--set", "style=ink", "--json");
        var price = await Cli.RunAsync(catalog, "", "price", "--model", "acme-sketch", "--all", "--set", "prompt=a cat", "--json");

        using var list = JsonDocument.Parse(models.Out);
        Assert.Contains("acme-sketch", list.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        using var request = JsonDocument.Parse(payload.Out);
        var body = request.RootElement.GetProperty("body");
        Assert.Equal(["prompt", "num_inference_steps", "style"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a cat", body.GetProperty("prompt").GetString());
        Assert.Equal(12, body.GetProperty("num_inference_steps").GetInt32());
        Assert.Equal("ink", body.GetProperty("style").GetString());
        Assert.EndsWith("/acme/sketch", request.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
        using var prices = JsonDocument.Parse(price.Out);
        Assert.Equal(0.01m, prices.RootElement[0].GetProperty("amount").GetDecimal());
    }
}

using FluxSpecs.Generator.Tests.Infrastructure;
using NJsonSchema;

namespace FluxSpecs.Generator.Tests.Schema;

/// <summary>The committed card schema is current, and every shipped card passes it.</summary>
public sealed class CardSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(GeneratorHarness.SpecsDirectory, "model-card.schema.json");

    [Fact]
    public void The_committed_schema_matches_the_card_grammar()
    {
        // FLUXSPECS_ACCEPT_SNAPSHOTS=1 rewrites specs/model-card.schema.json after a grammar change.
        Snapshot.MatchFile(CardSchemaExporter.ExportJson(), SchemaPath, Path.ChangeExtension(SchemaPath, ".received.json"));
    }

    public static TheoryData<string> ShippedCards()
    {
        var data = new TheoryData<string>();
        foreach (var card in GeneratorHarness.ShippedCards())
        {
            data.Add(Path.GetFileName(card.Path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedCards))]
    public async Task Every_shipped_card_validates_against_the_committed_schema(string fileName)
    {
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(SchemaPath));
        var json = YamlToJson.Convert(await File.ReadAllTextAsync(Path.Combine(GeneratorHarness.SpecsDirectory, fileName)));

        Assert.Empty(schema.Validate(json).Select(e => e.ToString()));
    }

    [Fact]
    public void Every_shipped_card_points_editors_at_the_schema()
    {
        Assert.All(GeneratorHarness.ShippedCards(), card =>
            Assert.StartsWith("# yaml-language-server: $schema=model-card.schema.json", card.GetText()!.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_schema_rejects_what_the_generator_rejects()
    {
        var schema = await JsonSchema.FromJsonAsync(CardSchemaExporter.ExportJson());

        var unknownKey = YamlToJson.Convert("id: x\nname: X\nparameters:\n  prompt: { type: string, maximum: 3 }\n");
        var wrongType = YamlToJson.Convert("id: x\nname: X\nparameters:\n  width: { type: integer, max: \"abc\" }\n");
        var unknownType = YamlToJson.Convert("id: x\nname: X\nparameters:\n  width: { type: int }\n");

        Assert.Contains("NoAdditionalPropertiesAllowed: #/parameters.prompt.maximum", string.Join("\n", schema.Validate(unknownKey)), StringComparison.Ordinal);
        Assert.NotEmpty(schema.Validate(wrongType));
        Assert.NotEmpty(schema.Validate(unknownType));
    }
}

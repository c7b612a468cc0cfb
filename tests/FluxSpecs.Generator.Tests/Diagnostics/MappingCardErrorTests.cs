using FluxSpecs.Generator.Tests.Infrastructure;

namespace FluxSpecs.Generator.Tests.Diagnostics;

/// <summary>
/// What a provider section may not say because its mapper could not honour it: a conversion reading parameters of
/// the wrong kind or number, a parameter both unsupported and combined, an object-valued size in a multipart form.
/// </summary>
public sealed class MappingCardErrorTests
{
    private const string Card = """
        id: test-model
        name: Test Model
        parameters:
          prompt: { type: string, required: true }
          images: { type: image_list }
          ratio:
            type: enum
            values: [custom, "1:1"]
            default: "1:1"
          width: { type: integer, min: 64, max: 2048 }
          height: { type: integer, min: 64, max: 2048 }
        providers:
          bfl:
            model: test-model
        """;

    [Fact]
    public void A_conversion_reading_parameters_of_the_wrong_kind_says_what_it_reads()
    {
        var card = Card + "\n    combine:\n      - { convert: aspect_ratio_to_size, from: [width, ratio, height], into: [width, height] }";

        AssertOnly(card, "FSPEC0012 (16,20)-(16,40): test-model.model.yaml: 'aspect_ratio_to_size' in providers.bfl.combine[0] is invalid: 'aspect_ratio_to_size' reads [aspect ratio, resolution, width, height] or [aspect ratio, width, height] (enums, then integers) and writes 2 fields");
    }

    [Fact]
    public void A_size_string_reading_one_parameter_is_invalid()
    {
        var card = Card + "\n    combine:\n      - { convert: size_string, from: [width], into: [size] }";

        AssertOnly(card, "FSPEC0012 (16,20)-(16,31): test-model.model.yaml: 'size_string' in providers.bfl.combine[0] is invalid: 'size_string' reads [width, height] (integers) and writes 1 field");
    }

    [Fact]
    public void A_parameter_cannot_be_unsupported_and_combined()
    {
        var card = Card + "\n    combine:\n      - { convert: size_string, from: [width, height], into: [size] }\n    unsupported: [height]";

        AssertOnly(card, "FSPEC0012 (16,47)-(16,53): test-model.model.yaml: 'height' in providers.bfl.combine[0].from is invalid: it is also listed as unsupported");
    }

    [Fact]
    public void Fal_image_size_cannot_travel_in_a_multipart_form()
    {
        var card = Card + """

                parameters:
                  images: { field: image, images: { encoding: file } }
                combine:
                  - { convert: fal_image_size, from: [ratio, width, height], into: [image_size] }
            """;

        AssertOnly(card, "FSPEC0012 (18,20)-(18,34): test-model.model.yaml: 'fal_image_size' in providers.bfl.combine[0] is invalid: it writes a JSON object, and this provider's images (encoding: file) make the body a multipart form");
    }

    [Fact]
    public void A_value_mapped_to_null_is_accepted_by_the_grammar_and_an_empty_string_is_not_null()
    {
        var card = Card + "\n    parameters:\n      ratio: { values: { custom: ~, \"1:1\": \"\" } }";

        var run = GeneratorHarness.RunCard(card);

        Assert.Empty(DiagnosticText.All(run));
        var mapping = run.Sources.Single(s => s.HintName.EndsWith(".Mapping.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("is not global::FluxSpecs.Models.TestModel.TestModelRatio.Custom", mapping, StringComparison.Ordinal);
        Assert.Contains("global::FluxSpecs.Models.TestModel.TestModelRatio.Value1_1 => \"\",", mapping, StringComparison.Ordinal);
    }

    private static void AssertOnly(string card, string expected)
    {
        var run = GeneratorHarness.RunCard(card);

        Assert.Equal([expected], DiagnosticText.All(run));
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("TestModel", StringComparison.Ordinal));
    }
}

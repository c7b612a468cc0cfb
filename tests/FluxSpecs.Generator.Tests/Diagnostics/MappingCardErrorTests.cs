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

    [Fact]
    public void A_card_with_an_image_count_gets_an_image_count_property_sent_only_where_a_provider_has_a_field()
    {
        var card = Card.Replace("providers:", "image_count: { max: 6, default: 2 }\nproviders:", StringComparison.Ordinal)
            + "\n    image_count: { max: 4 }\n  fal:\n    model: test\n    image_count: { field: num_images }";

        var run = GeneratorHarness.RunCard(card);

        Assert.Empty(DiagnosticText.All(run));
        var request = run.Sources.Single(s => s.HintName.EndsWith(".Request.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        var mapping = run.Sources.Single(s => s.HintName.EndsWith(".Mapping.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        var validation = run.Sources.Single(s => s.HintName.EndsWith(".Validation.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("public const int DefaultImageCount = 2;", request, StringComparison.Ordinal);
        Assert.Contains("[global::FluxSpecs.GeneratedCode.ProviderLimits(\"bfl\", Max = 4)]", request, StringComparison.Ordinal);
        Assert.Contains("check.Range(\"image_count\", ImageCount, 1, 6);", validation, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(mapping, "ImageCount is \\{ \\} imageCountValue"));
        Assert.Contains("writer.WriteNumber(\"num_images\", imageCountValue);", mapping, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image_count: { max: 0 }\nproviders:", "FSPEC0012 (12,21)-(12,22): test-model.model.yaml: '0' in image_count.max is invalid: must be at least 1")]
    [InlineData("image_count: { max: 4, default: 5 }\nproviders:", "FSPEC0006 (12,33)-(12,34): test-model.model.yaml: the default '5' of image_count.default is invalid: it must be at most 4")]
    [InlineData("image_count: { max: 4 }\nproviders:\n  fal: { model: m, image_count: { field: n, max: 5 } }", "FSPEC0013 (14,50)-(14,51): test-model.model.yaml: provider 'fal' sets max 5 on 'image_count', outside the model's range 1–4; a provider may only narrow the model's rules")]
    [InlineData("providers:\n  fal: { model: m, image_count: { field: n } }", "FSPEC0012 (13,33)-(13,34): test-model.model.yaml: 'image_count' in providers.fal.image_count is invalid: the card declares no image_count (give the top-level 'image_count: { max: … }' first)")]
    public void A_wrong_image_count_is_a_card_error_at_its_line(string replacement, string expected)
    {
        AssertOnly(Card.Replace("providers:", replacement, StringComparison.Ordinal), expected);
    }

    [Fact]
    public void A_provider_only_parameter_writing_the_count_field_is_a_card_error()
    {
        var card = Card.Replace("providers:", "image_count: { max: 4 }\nproviders:", StringComparison.Ordinal)
            + "\n    image_count: { field: num_images }\n    extra:\n      num_images: { type: integer }";

        AssertOnly(card, "FSPEC0012 (18,7)-(18,17): test-model.model.yaml: 'num_images' in providers.bfl.extra.num_images is invalid: it writes 'num_images', the provider's image_count field; set the request's ImageCount instead");
    }

    private static void AssertOnly(string card, string expected)
    {
        var run = GeneratorHarness.RunCard(card);

        Assert.Equal([expected], DiagnosticText.All(run));
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("TestModel", StringComparison.Ordinal));
    }
}

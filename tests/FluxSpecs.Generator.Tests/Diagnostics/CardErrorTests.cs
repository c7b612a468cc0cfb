using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Tests.Diagnostics;

/// <summary>
/// One test per card error: the id, the span in the YAML file, the message naming the card and key, and that nothing
/// else was reported and nothing was generated.
/// </summary>
public sealed class CardErrorTests
{
    private const string ValidCard = """
        id: test-model
        name: Test Model
        parameters:
          prompt:
            type: string
            required: true
          width:
            type: integer
            min: 64
            max: 2048
            multiple_of: 16
          aspect_ratio:
            type: enum
            values: [custom, "1:1"]
            default: "1:1"
        providers:
          replicate:
            model: owner/test-model
        """;

    [Fact]
    public void The_valid_base_card_generates_code_and_reports_nothing()
    {
        var run = GeneratorHarness.RunCard(ValidCard);

        Assert.Empty(DiagnosticText.All(run));
        Assert.Contains(run.Sources, s => s.HintName == "FluxSpecs.Models.TestModel.Request.g.cs");
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void A_tab_indented_line_is_malformed_yaml()
    {
        var card = ValidCard.Replace("    required: true", "\trequired: true", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0001 (6,1)-(6,2): test-model.model.yaml: the YAML is malformed: While scanning a plain scalar, found a tab character that violate indentation (YAML indents with spaces, never tabs)");
    }

    [Fact]
    public void A_tab_after_flow_mappings_is_reported_at_the_tab_not_at_the_card_start()
    {
        const string card = "id: test-model\nname: Test\nparameters:\n  prompt: { type: string }\n  other:\n\ttype: string\n";

        AssertOnly(card, "FSPEC0001 (6,1)-(6,2): test-model.model.yaml: the YAML is malformed: While scanning a mapping, found invalid tab as indentation (YAML indents with spaces, never tabs)");
    }

    [Fact]
    public void An_empty_file_is_reported_at_its_start()
    {
        AssertOnly(string.Empty, "FSPEC0001 (1,1)-(1,1): test-model.model.yaml: the YAML is malformed: the file is empty; a card is a YAML mapping with at least 'id', 'name' and 'parameters'");
    }

    [Fact]
    public void An_unknown_key_names_the_key_where_it_is_and_what_is_allowed()
    {
        var card = ValidCard.Replace("    multiple_of: 16", "    multiple_of: 16\n    maximum: 4096", StringComparison.Ordinal);

        AssertOnly(
            card,
            "FSPEC0002 (12,5)-(12,12): test-model.model.yaml: unknown key 'maximum' in parameters.width; expected one of: "
            + "type, required, default, description, min, max, multiple_of, rounding, min_length, max_length, max_items, formats, values, applies_when, applies_unless, secret");
    }

    [Fact]
    public void A_quoted_string_where_a_number_belongs_is_a_wrong_type()
    {
        var card = ValidCard.Replace("    max: 2048", "    max: \"abc\"", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0003 (10,10)-(10,15): test-model.model.yaml: parameters.width.max must be a number, but is 'abc'");
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_the_mapping_that_lacks_it()
    {
        var card = ValidCard.Replace("name: Test Model\n", string.Empty, StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0004 (1,1)-(1,2): test-model.model.yaml: the card is missing the key 'name'");
    }

    [Fact]
    public void A_minimum_above_the_maximum_is_an_invalid_range()
    {
        var card = ValidCard.Replace("    min: 64", "    min: 4096", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0005 (9,10)-(9,14): test-model.model.yaml: parameters.width has a minimum of 4096, greater than its maximum of 2048");
    }

    [Fact]
    public void A_default_outside_its_range_is_invalid()
    {
        var card = ValidCard.Replace("    multiple_of: 16", "    multiple_of: 16\n    default: 4096", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0006 (12,14)-(12,18): test-model.model.yaml: the default '4096' of parameters.width is invalid: it must be at most 2048");
    }

    [Fact]
    public void A_default_that_is_not_one_of_the_values_is_invalid()
    {
        var card = ValidCard.Replace("    default: \"1:1\"", "    default: \"4:3\"", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0006 (15,14)-(15,19): test-model.model.yaml: the default '4:3' of parameters.aspect_ratio is invalid: it must be one of: custom, 1:1");
    }

    [Fact]
    public void A_key_given_twice_is_a_duplicate_name()
    {
        var card = ValidCard.Replace("  width:", "  prompt:\n    type: string\n  width:", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0007 (7,3)-(7,9): test-model.model.yaml: the key 'prompt' is defined more than once");
    }

    [Fact]
    public void Two_enum_values_with_the_same_wire_string_are_duplicates()
    {
        var card = ValidCard.Replace("values: [custom, \"1:1\"]", "values: [custom, \"1:1\", custom]", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0007 (14,29)-(14,35): test-model.model.yaml: the enum value 'custom' is defined more than once");
    }

    [Fact]
    public void A_provider_mapping_of_an_unknown_parameter_is_reported()
    {
        var card = ValidCard + "\n    parameters:\n      height: { min: 256 }";

        AssertOnly(card, "FSPEC0008 (20,7)-(20,13): test-model.model.yaml: providers.replicate.parameters refers to 'height', which is not a parameter of this card");
    }

    [Fact]
    public void A_condition_on_an_unknown_parameter_is_reported()
    {
        var card = ValidCard.Replace("    multiple_of: 16", "    multiple_of: 16\n    applies_when: { ratio: custom }", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0008 (12,21)-(12,26): test-model.model.yaml: parameters.width.applies_when refers to 'ratio', which is not a parameter of this card");
    }

    [Fact]
    public void An_unknown_provider_lists_the_known_ones()
    {
        var card = ValidCard + "\n  midjourney:\n    model: mj-7";

        AssertOnly(card, "FSPEC0009 (19,3)-(19,13): test-model.model.yaml: unknown provider 'midjourney'; known providers: replicate, core-today, bfl, vtrix, fal, magnific, lumenfall");
    }

    [Fact]
    public void An_unknown_conversion_lists_the_known_ones()
    {
        var card = ValidCard + "\n    combine:\n      - convert: pixels_to_megapixels\n        from: [width]\n        into: [megapixels]";

        AssertOnly(card, "FSPEC0010 (20,18)-(20,38): test-model.model.yaml: unknown conversion 'pixels_to_megapixels' in providers.replicate.combine[0].convert; expected one of: size_string, aspect_ratio_to_size, fal_image_size");
    }

    [Fact]
    public void Two_cards_with_one_id_are_both_reported_and_neither_is_generated()
    {
        var run = GeneratorHarness.Run(
            new InMemoryAdditionalText("/cards/a.model.yaml", ValidCard),
            new InMemoryAdditionalText("/cards/b.model.yaml", ValidCard));

        Assert.Equal(
            [
                "FSPEC0011 (1,5)-(1,15): a.model.yaml: the model id 'test-model' (C# name 'TestModel') is also used by b.model.yaml",
                "FSPEC0011 (1,5)-(1,15): b.model.yaml: the model id 'test-model' (C# name 'TestModel') is also used by a.model.yaml",
            ],
            DiagnosticText.All(run));
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("TestModel", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_cards_that_share_a_namespace_get_their_own_files()
    {
        var shared = "namespace: MyApp.Models\n";
        var run = GeneratorHarness.Run(
            new InMemoryAdditionalText("/cards/a.model.yaml", shared + ValidCard),
            new InMemoryAdditionalText("/cards/b.model.yaml", shared + ValidCard.Replace("id: test-model", "id: other-model", StringComparison.Ordinal)));

        Assert.Empty(DiagnosticText.All(run));
        Assert.Contains(run.Sources, s => s.HintName == "MyApp.Models.TestModel.Request.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "MyApp.Models.OtherModel.Request.g.cs");
        Assert.Empty(run.CompilationProblems.Select(d => d.ToString()));
    }

    [Fact]
    public void An_enum_named_like_another_generated_type_is_a_duplicate_name()
    {
        var card = ValidCard.Replace("providers:", "  request: { type: enum, values: [a, b] }\nproviders:", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0007 (16,3)-(16,10): test-model.model.yaml: the C# type 'TestModelRequest' is defined more than once");
    }

    [Fact]
    public void An_id_that_is_not_kebab_case_is_a_wrong_type()
    {
        var card = ValidCard.Replace("id: test-model", "id: Test_Model", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0003 (1,5)-(1,15): test-model.model.yaml: id must be a kebab-case id, but is 'Test_Model'");
    }

    [Fact]
    public void A_limit_on_a_parameter_type_it_does_not_fit_is_an_invalid_value()
    {
        var card = ValidCard.Replace("    required: true", "    required: true\n    max: 10", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0012 (7,10)-(7,12): test-model.model.yaml: '10' in parameters.prompt.max is invalid: 'max' applies to integer and number parameters only");
    }

    [Fact]
    public void A_provider_limit_wider_than_the_models_is_reported()
    {
        var card = ValidCard + "\n    parameters:\n      width: { max: 4096 }";

        AssertOnly(card, "FSPEC0013 (20,21)-(20,25): test-model.model.yaml: provider 'replicate' sets max 4096 on 'width', outside the model's range 64–2048; a provider may only narrow the model's rules");
    }

    [Fact]
    public void A_provider_pixel_budget_wider_than_the_models_is_reported()
    {
        var card = ValidCard.Replace("providers:", "  height: { type: integer, min: 64 }\npixel_budget: { width: width, height: height, max_pixels: 4194304 }\nproviders:", StringComparison.Ordinal)
            + "\n    pixel_budget: { max_pixels: 5000000 }";

        AssertOnly(card, "FSPEC0013 (21,33)-(21,40): test-model.model.yaml: provider 'replicate' sets max_pixels 5000000 on 'width × height', outside the model's pixel_budget 4194304; a provider may only narrow the model's rules");
    }

    [Fact]
    public void A_pixel_budget_over_a_parameter_that_is_not_an_integer_is_reported()
    {
        var card = ValidCard.Replace("providers:", "pixel_budget: { width: width, height: aspect_ratio, max_pixels: 4194304 }\nproviders:", StringComparison.Ordinal);

        AssertOnly(card, "FSPEC0012 (16,39)-(16,51): test-model.model.yaml: 'aspect_ratio' in pixel_budget.height is invalid: a pixel budget multiplies two integer parameters");
    }

    [Fact]
    public void An_edit_default_without_an_edit_model_is_reported()
    {
        var card = ValidCard + "\n    parameters:\n      aspect_ratio: { edit_default: custom }";

        AssertOnly(card, "FSPEC0012 (20,37)-(20,43): test-model.model.yaml: 'custom' in providers.replicate.parameters.aspect_ratio.edit_default is invalid: 'edit_default' needs the provider's 'edit_model'");
    }

    [Fact]
    public void Aliases_that_multiply_the_card_stop_the_walk_at_the_node_budget()
    {
        // 300 aliases to one combination whose 'from' aliases a 300-item list: a 3 KB file that names 90,000 nodes.
        var names = string.Join(", ", Enumerable.Repeat("prompt", 300));
        var combinations = string.Join(", ", Enumerable.Repeat("*c", 299));
        var card = $$"""
            id: test-model
            name: Test
            parameters:
              prompt: { type: string }
            providers:
              replicate:
                model: m
                combine: [&c { convert: size_string, from: &names [{{names}}], into: [size] }, {{combinations}}]
            """;

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(card));

        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith("FSPEC0014 ", diagnostic, StringComparison.Ordinal);
        Assert.EndsWith("test-model.model.yaml: the card expands to more than 20000 YAML nodes (check anchors and aliases); it was not read", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_card_is_answered_with_a_bounded_list_of_errors()
    {
        var bomb = new System.Text.StringBuilder("    values: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        var card = new System.Text.StringBuilder("id: test-model\nname: Test\nparameters:\n  p0:\n    type: enum\n").Append(bomb);
        for (var i = 1; i < 9; i++)
        {
            card.Append("  p").Append(i).Append(":\n    type: enum\n    values: &a").Append(i).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }

        var diagnostics = DiagnosticText.All(GeneratorHarness.RunCard(card.ToString()));

        Assert.InRange(diagnostics.Length, 1, 100);
        Assert.All(diagnostics, d => Assert.Matches("^FSPEC00\\d\\d \\(\\d+,\\d+\\)", d));
    }

    [Fact]
    public void A_broken_card_generates_nothing_and_does_not_break_a_good_one()
    {
        var broken = ValidCard.Replace("id: test-model", "id: broken-model", StringComparison.Ordinal).Replace("    max: 2048", "    max: \"abc\"", StringComparison.Ordinal);
        var good = ValidCard;
        var run = GeneratorHarness.Run(
            new InMemoryAdditionalText("/cards/broken-model.model.yaml", broken),
            new InMemoryAdditionalText("/cards/test-model.model.yaml", good));

        Assert.Equal(["FSPEC0003 (10,10)-(10,15): broken-model.model.yaml: parameters.width.max must be a number, but is 'abc'"], DiagnosticText.All(run));
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("BrokenModel", StringComparison.Ordinal));
        Assert.Contains(run.Sources, s => s.HintName.Contains("TestModel", StringComparison.Ordinal));
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Card_errors_are_errors_located_in_the_yaml_file()
    {
        var run = GeneratorHarness.RunCard(ValidCard.Replace("    max: 2048", "    max: \"abc\"", StringComparison.Ordinal));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/cards/test-model.model.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("docs/diagnostics.md#fspec0003", diagnostic.Descriptor.HelpLinkUri);
    }

    private static void AssertOnly(string card, string expected)
    {
        var run = GeneratorHarness.RunCard(card);

        Assert.Equal([expected], DiagnosticText.All(run));
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("TestModel", StringComparison.Ordinal));
    }
}

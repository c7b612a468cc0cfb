using FluxSpecs.Emulator.Validation;
using FluxSpecs.Models;

namespace FluxSpecs.Emulator.Tests.Validation;

/// <summary>
/// The one body check, driven by the card's descriptors only: renames, indexed images, value maps, narrowed limits,
/// conversions, unsupported and provider-only parameters.
/// </summary>
public sealed class WireSchemaTests
{
    private static CardMatch Match(string provider, string id) => CardMatch.Find(FluxSpecs.Models.ModelCatalog.Models, provider, id) ?? throw new InvalidOperationException($"{provider}/{id} not in the cards.");

    private static IReadOnlyList<BodyError> Check(string provider, string id, JsonObject body, bool form = false) =>
        BodyValidator.Validate(Match(provider, id).Schema, body, new BodyCheckOptions { FormValues = form, Envelope = new HashSet<string> { "model" } });

    [Fact]
    public void Every_provider_section_of_every_card_builds_a_schema_with_the_prompt()
    {
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers)
            {
                var schema = new CardMatch(model, provider, Edit: provider.EditModelId is not null).Schema;
                Assert.True(schema.FieldFor("prompt") is { Required: true }, $"{model.Id} on {provider.Id}");
            }
        }
    }

    [Fact]
    public void Indexed_image_fields_run_from_the_field_to_the_providers_maximum()
    {
        var bfl = Match("bfl", "flux-2-pro").Schema;
        var magnific = Match("magnific", "flux-2-pro").Schema;

        Assert.NotNull(bfl.Field("input_image_8"));
        Assert.Null(bfl.Field("input_image_9"));
        Assert.NotNull(magnific.Field("input_image_4"));
        Assert.Null(magnific.Field("input_image_5"));
        Assert.Null(bfl.Field("input_images")); // renamed
    }

    [Fact]
    public void A_combination_consumes_its_inputs_and_adds_its_output_field()
    {
        var fal = Match("fal", "fal-ai/flux-2-pro").Schema;
        var lumenfall = Match("lumenfall", "flux.2-pro").Schema;

        Assert.Null(fal.Field("aspect_ratio"));
        Assert.Null(fal.Field("width"));
        Assert.NotNull(fal.Field("image_size"));
        Assert.Null(lumenfall.Field("width"));
        Assert.NotNull(lumenfall.Field("size"));
        Assert.NotNull(lumenfall.Field("aspect_ratio")); // not consumed by size_string
    }

    [Fact]
    public void Value_maps_accept_the_providers_spelling_only()
    {
        Assert.Empty(Check("replicate", "black-forest-labs/flux-2-pro", new JsonObject { ["prompt"] = "x", ["output_format"] = "jpg" }));
        Assert.Equal("values", Assert.Single(Check("replicate", "black-forest-labs/flux-2-pro", new JsonObject { ["prompt"] = "x", ["output_format"] = "jpeg" })).Rule);
        Assert.Empty(Check("lumenfall", "flux.2-pro", new JsonObject { ["prompt"] = "x", ["aspect_ratio"] = "auto", ["resolution"] = "1K" }));
    }

    [Theory]
    [InlineData("width", "1e3", "type")]
    [InlineData("width", "\"512\"", "type")]
    [InlineData("seed", "-1", "min")]
    [InlineData("seed", "4294967296", "max")]
    [InlineData("prompt", "\"\"", "required")]
    [InlineData("prompt", "42", "type")]
    [InlineData("safety_tolerance", "\"2\"", "type")]
    [InlineData("webhook_url", "\"\"", "min_length")]
    [InlineData("steps", "30", "unknown")]
    public void A_wrong_value_names_the_field_and_the_rule(string field, string json, string rule)
    {
        var body = new JsonObject { ["prompt"] = "x", ["width"] = 512, ["height"] = 512 };
        body[field] = JsonNode.Parse(json);

        var errors = Check("bfl", "flux-2-pro", body);

        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(rule, error.Rule);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_parameters_are_named_as_such()
    {
        var error = Assert.Single(Check("bfl", "flux-2-pro", new JsonObject { ["prompt"] = "x", ["output_quality"] = 80 }));

        Assert.Equal("unsupported", error.Rule);
        Assert.Contains("unsupported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_multiple_is_accepted_where_the_provider_rounds_and_rejected_where_it_does_not()
    {
        Assert.Empty(Check("bfl", "flux-2-pro", new JsonObject { ["prompt"] = "x", ["width"] = 1000 }));
        Assert.Equal("multiple_of", Assert.Single(Check("vtrix", "flux_2_pro", new JsonObject { ["prompt"] = "x", ["width"] = 1000 })).Rule);
    }

    [Fact]
    public void The_rounded_size_is_what_gets_rendered()
    {
        var match = Match("replicate", "black-forest-labs/flux-2-pro");
        var settings = SettingsResolver.Resolve(match.Schema, new JsonObject { ["prompt"] = "x", ["aspect_ratio"] = "custom", ["width"] = 1000, ["height"] = 500 });

        Assert.Equal((992, 512), (settings.Width, settings.Height)); // nearest multiples of 32
    }

    [Fact]
    public void Provider_only_parameters_are_typed_like_model_parameters()
    {
        var errors = Check("lumenfall", "flux.2-pro", new JsonObject { ["prompt"] = "x", ["response_format"] = "png", ["output_compression"] = 101 });

        Assert.Equal(["response_format:values", "output_compression:max"], errors.Select(e => $"{e.Field}:{e.Rule}"));
    }

    [Fact]
    public void Form_values_are_read_as_numbers_and_booleans_in_multipart_bodies()
    {
        Assert.Empty(Check("lumenfall", "flux.2-pro", new JsonObject { ["prompt"] = "x", ["n"] = "2", ["seed"] = "5" }, form: true));
        Assert.Equal("type", Assert.Single(Check("lumenfall", "flux.2-pro", new JsonObject { ["prompt"] = "x", ["n"] = "two" }, form: true)).Rule);
    }

    [Fact]
    public void Fal_image_size_takes_presets_or_a_size_within_the_width_and_height_rules()
    {
        Assert.Empty(Check("fal", "fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "x", ["image_size"] = "landscape_16_9" }));
        Assert.Equal("values", Assert.Single(Check("fal", "fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "x", ["image_size"] = "huge" })).Rule);
        Assert.Equal("image_size.height", Assert.Single(Check("fal", "fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "x", ["image_size"] = new JsonObject { ["width"] = 512, ["height"] = 4096 } })).Field);
    }

    [Fact]
    public void The_edit_endpoint_needs_images_and_the_text_endpoint_refuses_them()
    {
        var edit = BodyValidator.Validate(Match("fal", "fal-ai/flux-2-pro/edit").Schema, new JsonObject { ["prompt"] = "x" }, new BodyCheckOptions());

        Assert.Equal("image_urls:required", $"{Assert.Single(edit).Field}:{edit[0].Rule}");
    }

    [Fact]
    public void Data_uris_are_checked_against_the_allowed_formats()
    {
        var bmp = "data:image/bmp;base64," + Convert.ToBase64String("BM\0\0\0\0"u8.ToArray());

        var error = Assert.Single(Check("replicate", "black-forest-labs/flux-2-pro", new JsonObject { ["prompt"] = "x", ["input_images"] = new JsonArray(bmp) }));

        Assert.Equal(("input_images[0]", "formats"), (error.Field, error.Rule));
    }
}

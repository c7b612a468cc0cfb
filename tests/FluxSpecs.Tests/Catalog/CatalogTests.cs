using FluxSpecs.Catalog;
using FluxSpecs.Models;
using FluxSpecs.Models.Flux2Dev;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Catalog;

/// <summary>The catalog generated from the cards: what tools read instead of reflecting over request types.</summary>
public sealed class CatalogTests
{
    private static ModelDescriptor Pro => ModelCatalog.Find("flux-2-pro") ?? throw new InvalidOperationException("flux-2-pro is missing.");

    private static ModelDescriptor Dev => ModelCatalog.Find("flux-2-dev") ?? throw new InvalidOperationException("flux-2-dev is missing.");

    [Fact]
    public void The_catalog_lists_both_cards_in_file_order()
    {
        Assert.Equal(["flux-2-dev", "flux-2-pro"], ModelCatalog.Models.Select(m => m.Id));
    }

    [Fact]
    public void Find_returns_the_generated_descriptor_or_null()
    {
        Assert.Same(Flux2ProModel.Descriptor, ModelCatalog.Find("flux-2-pro"));
        Assert.Same(Flux2DevModel.Descriptor, ModelCatalog.Find("flux-2-dev"));
        Assert.Null(ModelCatalog.Find("flux-2-max"));
        Assert.Null(ModelCatalog.Find("FLUX-2-PRO"));
    }

    [Fact]
    public void The_descriptor_names_the_model_and_its_generated_request_type()
    {
        Assert.Equal("FLUX.2 [pro]", Pro.Name);
        Assert.Equal("Black Forest Labs", Pro.Vendor);
        Assert.StartsWith("Black Forest Labs' flagship FLUX.2 model", Pro.Description, StringComparison.Ordinal);
        Assert.Equal(typeof(Flux2ProRequest), Pro.RequestType);
        Assert.Equal(typeof(Flux2DevRequest), Dev.RequestType);
        Assert.Same(Pro, SampleRequests.MinimalPro().Model);
        Assert.Equal(Flux2ProRequest.ModelId, Pro.Id);
    }

    [Fact]
    public void Pro_parameters_are_in_card_order()
    {
        // The card's image_count follows its own parameters.
        Assert.Equal(
            ["prompt", "input_images", "aspect_ratio", "resolution", "width", "height", "seed", "safety_tolerance", "output_format", "output_quality", "prompt_upsampling", "image_count"],
            Pro.Parameters.Select(p => p.Name));
        Assert.Equal(
            ["Prompt", "InputImages", "AspectRatio", "Resolution", "Width", "Height", "Seed", "SafetyTolerance", "OutputFormat", "OutputQuality", "PromptUpsampling", "ImageCount"],
            Pro.Parameters.Select(p => p.PropertyName));
    }

    [Fact]
    public void Dev_parameters_are_in_card_order()
    {
        Assert.Equal(
            ["prompt", "input_images", "aspect_ratio", "width", "height", "seed", "output_format", "output_quality", "image_count"],
            Dev.Parameters.Select(p => p.Name));
        Assert.Equal("webp", Dev.FindParameter("output_format")?.Default);
        Assert.Equal(256m, Dev.FindParameter("width")?.Limits.Minimum);
        Assert.Equal(4, Dev.FindParameter("input_images")?.Limits.MaxItems);
    }

    [Fact]
    public void Every_provider_id_is_a_known_provider_id()
    {
        string[] known = [ProviderIds.Replicate, ProviderIds.CoreToday, ProviderIds.Bfl, ProviderIds.Vtrix, ProviderIds.Fal, ProviderIds.Magnific, ProviderIds.Lumenfall];

        Assert.All(ModelCatalog.Models.SelectMany(m => m.Providers), p => Assert.Contains(p.Id, known));
    }

    [Fact]
    public void Every_parameter_names_a_property_of_the_request_type()
    {
        foreach (var model in ModelCatalog.Models)
        {
            Assert.All(model.Parameters, p => Assert.NotNull(model.RequestType.GetProperty(p.PropertyName)));
        }
    }

    [Fact]
    public void The_prompt_is_a_required_string()
    {
        var prompt = Pro.FindParameter("prompt");

        Assert.NotNull(prompt);
        Assert.Equal(ParameterType.String, prompt.Type);
        Assert.True(prompt.Required);
        Assert.Equal(1, prompt.Limits.MinLength);
        Assert.Null(prompt.Limits.MaxLength);
    }

    [Fact]
    public void Width_carries_its_limits_step_rounding_and_applicability()
    {
        var width = Pro.FindParameter("width");

        Assert.NotNull(width);
        Assert.Equal(ParameterType.Integer, width.Type);
        Assert.False(width.Required);
        Assert.Null(width.Default);
        Assert.Equal(64m, width.Limits.Minimum);
        Assert.Equal(2048m, width.Limits.Maximum);
        Assert.Equal(16, width.Limits.MultipleOf);
        Assert.Equal(Rounding.Nearest, width.Limits.Rounding);
        Assert.NotNull(width.Applicability);
        Assert.Equal("aspect_ratio", width.Applicability.Parameter);
        Assert.Equal(["custom"], width.Applicability.Values);
        Assert.False(width.Applicability.Negated);
    }

    [Fact]
    public void Resolution_does_not_apply_with_a_custom_aspect_ratio()
    {
        var applicability = Pro.FindParameter("resolution")?.Applicability;

        Assert.NotNull(applicability);
        Assert.Equal("aspect_ratio", applicability.Parameter);
        Assert.Equal(["custom"], applicability.Values);
        Assert.True(applicability.Negated);
    }

    [Fact]
    public void Seed_range_and_image_limits_come_from_the_card()
    {
        var seed = Pro.FindParameter("seed");
        var images = Pro.FindParameter("input_images");

        Assert.Equal(0m, seed?.Limits.Minimum);
        Assert.Equal(4294967295m, seed?.Limits.Maximum);
        Assert.NotNull(images);
        Assert.Equal(ParameterType.ImageList, images.Type);
        Assert.Equal(9, images.Limits.MaxItems);
        Assert.Equal(["jpeg", "png", "gif", "webp"], images.Limits.Formats);
    }

    [Fact]
    public void Enum_values_keep_their_wire_strings_and_member_names()
    {
        var aspectRatio = Pro.FindParameter("aspect_ratio");
        var resolution = Pro.FindParameter("resolution");

        Assert.NotNull(aspectRatio);
        Assert.Equal(ParameterType.Enum, aspectRatio.Type);
        Assert.Equal("1:1", aspectRatio.Default);
        Assert.Equal(
            ["match_input_image", "custom", "1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"],
            aspectRatio.Values.Select(v => v.Value));
        Assert.Contains(new EnumValueDescriptor("1:1", "Square"), aspectRatio.Values);
        Assert.Contains(new EnumValueDescriptor("match_input_image", "MatchInputImage"), aspectRatio.Values);
        Assert.Equal(
            [("match_input_image", "MatchInputImage"), ("0.5 MP", "HalfMegapixel"), ("1 MP", "OneMegapixel"), ("2 MP", "TwoMegapixels"), ("4 MP", "FourMegapixels")],
            resolution?.Values.Select(v => (v.Value, v.MemberName)));
    }

    [Fact]
    public void Enum_member_names_are_the_members_of_the_generated_enums()
    {
        Assert.Equal(Enum.GetNames<FluxSpecs.Models.Flux2Pro.Flux2ProAspectRatio>(), Pro.FindParameter("aspect_ratio")?.Values.Select(v => v.MemberName));
        Assert.Equal(Enum.GetNames<FluxSpecs.Models.Flux2Pro.Flux2ProOutputFormat>(), Pro.FindParameter("output_format")?.Values.Select(v => v.MemberName));
    }

    [Fact]
    public void Pro_is_offered_by_seven_providers_in_card_order()
    {
        Assert.Equal(["replicate", "core-today", "bfl", "vtrix", "fal", "magnific", "lumenfall"], Pro.Providers.Select(p => p.Id));
    }

    [Fact]
    public void Dev_is_offered_by_four_providers_and_not_by_bfl()
    {
        Assert.Equal(["replicate", "core-today", "fal", "lumenfall"], Dev.Providers.Select(p => p.Id));
        Assert.Null(Dev.FindProvider("bfl"));
    }

    [Fact]
    public void A_provider_describes_its_endpoint_and_narrower_rules()
    {
        var fal = Pro.FindProvider("fal");

        Assert.NotNull(fal);
        Assert.Equal("fal-ai/flux-2-pro", fal.ModelId);
        Assert.Equal("fal-ai/flux-2-pro/edit", fal.EditModelId);
        Assert.Equal(["resolution", "output_quality", "prompt_upsampling"], fal.Unsupported);
        Assert.True(fal.DropUnsupported);
        var images = Assert.Single(fal.Parameters, p => p.Parameter == "input_images");
        Assert.Equal("image_urls", images.Field);
        Assert.Equal(ImageShape.Array, images.ImageShape);
        Assert.Equal(ImageEncodingKind.Url, images.ImageEncoding);
        var combination = Assert.Single(fal.Combinations);
        Assert.Equal(CombineConversion.FalImageSize, combination.Convert);
        Assert.Equal(["aspect_ratio", "width", "height"], combination.From);
        Assert.Equal(["image_size"], combination.Into);
    }

    [Fact]
    public void Replicate_renames_jpeg_to_jpg_and_accepts_three_output_formats()
    {
        var outputFormat = Pro.FindProvider("replicate")?.Parameters.Single(p => p.Parameter == "output_format");

        Assert.NotNull(outputFormat);
        Assert.Equal(new Dictionary<string, string?> { ["jpeg"] = "jpg", ["png"] = "png", ["webp"] = "webp" }, outputFormat.Values);
        Assert.Equal("webp", outputFormat.Default);
    }

    [Fact]
    public void Bfl_extra_parameters_include_a_secret()
    {
        var bfl = Pro.FindProvider("bfl");

        Assert.NotNull(bfl);
        Assert.Equal(["webhook_url", "webhook_secret"], bfl.Extra.Select(p => p.Name));
        Assert.False(bfl.Extra[0].Secret);
        Assert.Equal(2083, bfl.Extra[0].Limits.MaxLength);
        Assert.True(bfl.Extra[1].Secret);
    }

    [Fact]
    public void Bfl_pricing_is_in_credits_with_its_source_and_date()
    {
        var pricing = Pro.FindProvider("bfl")?.Pricing;

        Assert.NotNull(pricing);
        Assert.Equal(PricingUnit.Credits, pricing.Unit);
        Assert.Equal(0.01m, pricing.CreditUsd);
        Assert.Equal("https://docs.bfl.ai/quick_start/pricing", pricing.Source);
        Assert.Equal(new DateOnly(2026, 11, 21), pricing.AsOf);
        Assert.True(pricing.Verified);
        Assert.NotNull(pricing.PerMegapixel);
        Assert.Equal(3m, pricing.PerMegapixel.First);
        Assert.Equal(1.5m, pricing.PerMegapixel.Additional);
        Assert.Equal(1.5m, pricing.PerMegapixel.Input);
        Assert.Equal(1m, pricing.PerMegapixel.MinInputMegapixels);
        Assert.Equal(4m, pricing.PerMegapixel.MaxMegapixels);
        Assert.Equal(1024 * 1024, pricing.PerMegapixel.PixelsPerMegapixel);
    }

    [Fact]
    public void Third_party_prices_are_marked_unverified()
    {
        var pricing = Pro.FindProvider("replicate")?.Pricing;

        Assert.NotNull(pricing);
        Assert.Equal(PricingUnit.Usd, pricing.Unit);
        Assert.False(pricing.Verified);
        Assert.Equal("https://lumenfall.ai/models/black-forest-labs/flux.2-pro", pricing.Source);
        Assert.Equal(0.015m, pricing.PerMegapixel?.Output);
    }

    [Fact]
    public void Core_today_charges_a_flat_price_per_request()
    {
        Assert.Equal(100m, Pro.FindProvider("core-today")?.Pricing?.PerRequest);
        Assert.Equal(25m, Dev.FindProvider("core-today")?.Pricing?.PerRequest);
    }

    [Fact]
    public void Providers_without_a_published_price_have_no_pricing()
    {
        Assert.Null(Pro.FindProvider("vtrix")?.Pricing);
        Assert.Null(Pro.FindProvider("magnific")?.Pricing);
        Assert.Null(Dev.FindProvider("replicate")?.Pricing);
    }

    [Fact]
    public void Every_price_has_a_source_and_a_date()
    {
        var prices = ModelCatalog.Models.SelectMany(m => m.Providers).Select(p => p.Pricing).OfType<PricingDescriptor>().ToList();

        Assert.NotEmpty(prices);
        Assert.All(prices, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.All(prices, p => Assert.NotEqual(default, p.AsOf));
    }
}

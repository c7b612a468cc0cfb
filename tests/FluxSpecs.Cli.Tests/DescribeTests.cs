using System.Globalization;
using System.Text.Json;
using FluxSpecs.Catalog;
using FluxSpecs.Models;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// <c>describe</c> tells everything needed to write a request, in both output modes, for every shipped card: the
/// expectations are read from the catalog, so a new card is checked without editing this file.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class DescribeTests
{
    public static TheoryData<string> ModelIds() => [.. ModelCatalog.Models.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(ModelIds))]
    public async Task Json_gives_every_parameter_with_its_type_rules_default_and_applicability(string modelId)
    {
        var model = ModelCatalog.Models.Single(m => m.Id == modelId);

        using var document = await DescribeJson(modelId);

        AssertPixelBudget(model.PixelBudget, document.RootElement.GetProperty("pixel_budget"));
        var parameters = document.RootElement.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(model.Parameters.Select(p => p.Name), parameters.Select(p => p.GetProperty("name").GetString()));
        foreach (var (expected, shown) in model.Parameters.Zip(parameters))
        {
            AssertParameter(expected, shown);
            if (expected.Applicability is { } condition)
            {
                var applies = shown.GetProperty(condition.Negated ? "applies_unless" : "applies_when");
                Assert.Equal(condition.Values, applies.GetProperty(condition.Parameter).EnumerateArray().Select(v => v.GetString()));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public async Task Json_gives_each_providers_narrower_rules_spellings_options_endpoints_and_every_price_rate(string modelId)
    {
        var model = ModelCatalog.Models.Single(m => m.Id == modelId);

        using var document = await DescribeJson(modelId);

        var providers = document.RootElement.GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal(model.Providers.Select(p => p.Id), providers.Select(p => p.GetProperty("id").GetString()));
        foreach (var (provider, shown) in model.Providers.Zip(providers))
        {
            Assert.Equal(provider.ModelId, shown.GetProperty("model").GetString());
            Assert.Equal(provider.EditModelId, shown.GetProperty("edit_model").GetString());
            AssertPixelBudget(provider.PixelBudget, shown.GetProperty("pixel_budget"));

            // Each narrower rule, default and spelling, as the provider takes the parameter.
            var rules = shown.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("parameter").GetString()!);
            Assert.Equal(provider.Parameters.Select(p => p.Parameter).Order(), rules.Keys.Order());
            foreach (var rule in provider.Parameters)
            {
                var row = rules[rule.Parameter];
                Assert.Equal(rule.Field ?? rule.Parameter, row.GetProperty("field").GetString());
                Assert.Equal(rule.Default, row.GetProperty("default").GetString());
                Assert.Equal(rule.EditDefault, row.GetProperty("edit_default").GetString());
                AssertLimits(rule.Limits, row);
                if (rule.Values.Count > 0)
                {
                    Assert.Equal(rule.Values.OrderBy(v => v.Key), row.GetProperty("values").EnumerateObject().Select(v => KeyValuePair.Create(v.Name, v.Value.GetString())).OrderBy(v => v.Key));
                }
            }

            Assert.Equal(provider.Unsupported, shown.GetProperty("unsupported").EnumerateArray().Select(v => v.GetString()));

            // Images per request: the provider's count field and maximum, or that many jobs.
            var count = shown.GetProperty("image_count");
            if (model.ImageCount is null)
            {
                Assert.Equal(JsonValueKind.Null, count.ValueKind);
            }
            else
            {
                var max = provider.Parameters.FirstOrDefault(p => p.Parameter == ModelDescriptor.ImageCountParameter)?.Limits.Maximum ?? model.ImageCount.Limits.Maximum;
                Assert.Equal(provider.ImageCountField, count.GetProperty("field").GetString());
                Assert.Equal(max, Number(count, "max"));
                Assert.Equal(provider.ImageCountField is not null, count.GetProperty("in_one_request").GetBoolean());
            }

            // Provider-only options, named as --set takes them.
            var options = shown.GetProperty("options").EnumerateArray().ToList();
            Assert.Equal(provider.Extra.Select(e => provider.Id + "." + e.Name), options.Select(o => o.GetProperty("set_as").GetString()));
            foreach (var (option, row) in provider.Extra.Zip(options))
            {
                AssertParameter(option, row);
                Assert.Equal(option.TopLevel, row.GetProperty("top_level").GetBoolean());
            }

            // Every rate, with its source and date.
            var pricing = shown.GetProperty("pricing");
            if (provider.Pricing is not { } price)
            {
                Assert.Equal(JsonValueKind.Null, pricing.ValueKind);
                continue;
            }

            var rates = pricing.GetProperty("rates");
            Assert.Equal(price.PerRequest, Rate(rates, "per_request"));
            Assert.Equal(price.PerMegapixel?.First, Rate(rates, "first_megapixel"));
            Assert.Equal(price.PerMegapixel?.Additional, Rate(rates, "additional_megapixel"));
            Assert.Equal(price.PerMegapixel?.Output, Rate(rates, "output_megapixel"));
            Assert.Equal(price.PerMegapixel?.Input, Rate(rates, "input_megapixel"));
            Assert.Equal(price.Unit.ToCardWord(), pricing.GetProperty("unit").GetString());
            Assert.Equal(price.Source, pricing.GetProperty("source").GetString());
            Assert.Equal(price.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pricing.GetProperty("as_of").GetString());
            Assert.Equal(price.Verified, pricing.GetProperty("verified").GetBoolean());
            Assert.Equal(price.CreditUsd, pricing.TryGetProperty("credit_usd", out var credit) ? credit.GetDecimal() : null);
            Assert.Equal(price.PerMegapixel?.MaxMegapixels, pricing.TryGetProperty("max_mp", out var most) ? most.GetDecimal() : null);
            Assert.Equal(price.PerMegapixel?.MinInputMegapixels, pricing.TryGetProperty("min_input_mp", out var least) ? least.GetDecimal() : null);
        }
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public async Task Json_gives_the_edit_endpoint_where_edits_go_elsewhere(string modelId)
    {
        var model = ModelCatalog.Models.Single(m => m.Id == modelId);

        using var document = await DescribeJson(modelId);

        foreach (var (provider, shown) in model.Providers.Zip(document.RootElement.GetProperty("providers").EnumerateArray()))
        {
            var generate = shown.GetProperty("endpoint");
            var edit = shown.GetProperty("edit_endpoint");
            Assert.Equal("POST", generate.GetProperty("method").GetString());
            Assert.Equal("json", generate.GetProperty("body").GetString());
            var sendsFiles = provider.Body.Any(f => f.ImageEncoding == ImageEncodingKind.File);
            Assert.Equal(sendsFiles ? "multipart" : "json", edit.GetProperty("body").GetString());
            if (provider.EditModelId is { } editModel)
            {
                Assert.EndsWith("/" + editModel, edit.GetProperty("url").GetString(), StringComparison.Ordinal);
            }

            // Edits go to the same URL only when neither the model id nor the body kind changes.
            Assert.Equal(provider.EditModelId is null && !sendsFiles, generate.GetProperty("url").GetString() == edit.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task Known_facts_of_flux_2_pro_a_user_looks_for()
    {
        using var document = await DescribeJson("flux-2-pro");
        var providers = document.RootElement.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);

        // Replicate's own default and spelling of output_format.
        var replicateFormat = providers["replicate"].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == "output_format");
        Assert.Equal("webp", replicateFormat.GetProperty("default").GetString());
        Assert.Equal("jpg", replicateFormat.GetProperty("values").GetProperty("jpeg").GetString());

        // fal's /edit and Lumenfall's /images/edits.
        Assert.Equal("https://queue.fal.run/fal-ai/flux-2-pro/edit", providers["fal"].GetProperty("edit_endpoint").GetProperty("url").GetString());
        Assert.EndsWith("/openai/v1/images/edits", providers["lumenfall"].GetProperty("edit_endpoint").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/openai/v1/images/generations", providers["lumenfall"].GetProperty("endpoint").GetProperty("url").GetString(), StringComparison.Ordinal);

        // BFL's provider-only options with their limits, and its three rates (not only the first megapixel's).
        var webhookUrl = providers["bfl"].GetProperty("options").EnumerateArray().Single(o => o.GetProperty("set_as").GetString() == "bfl.webhook_url");
        Assert.Equal(2083, webhookUrl.GetProperty("max_length").GetInt32());
        Assert.True(providers["bfl"].GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "webhook_secret").GetProperty("secret").GetBoolean());
        // BFL's 4 MP budget across width and height; fal keeps the input image's shape on /edit; jpg is taken for jpeg.
        var bflBudget = providers["bfl"].GetProperty("pixel_budget");
        Assert.Equal(4194304, bflBudget.GetProperty("max_pixels").GetInt64());
        Assert.Equal(("width", "height"), (bflBudget.GetProperty("width").GetString(), bflBudget.GetProperty("height").GetString()));
        var falRatio = providers["fal"].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == "aspect_ratio");
        Assert.Equal("match_input_image", falRatio.GetProperty("edit_default").GetString());
        var format = document.RootElement.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "output_format");
        Assert.Contains("jpg", format.GetProperty("aliases").GetProperty("jpeg").EnumerateArray().Select(a => a.GetString()));

        var rates = providers["bfl"].GetProperty("pricing").GetProperty("rates");
        Assert.Equal(3m, rates.GetProperty("first_megapixel").GetDecimal());
        Assert.Equal(1.5m, rates.GetProperty("additional_megapixel").GetDecimal());
        Assert.Equal(1.5m, rates.GetProperty("input_megapixel").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public async Task Human_output_has_a_section_per_provider_with_its_options_rules_endpoints_and_rates(string modelId)
    {
        var model = ModelCatalog.Models.Single(m => m.Id == modelId);

        var result = await Cli.RunAsync("describe", modelId);

        Assert.Equal(0, result.ExitCode);
        var sections = result.Out.Split("\nProvider ");
        Assert.Equal(model.Providers.Count + 1, sections.Length);
        foreach (var parameter in model.Parameters)
        {
            // Each value with the providers' spellings accepted for it, in the parameter's rules.
            var rules = Cell(sections[0], parameter.Name + (parameter.Required ? " *" : ""), 2);
            foreach (var value in parameter.Values.Where(v => v.Aliases.Count > 0))
            {
                Assert.Contains($"{value.Value} (or {string.Join(", ", value.Aliases)})", rules, StringComparison.Ordinal);
            }
        }

        if (model.PixelBudget is { } budget)
        {
            Assert.Contains($"Pixel budget: {budget.Width} × {budget.Height} at most {budget.MaxPixels.ToString("N0", CultureInfo.InvariantCulture)} pixels", sections[0], StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Pixel budget:", sections[0], StringComparison.Ordinal);
        }

        foreach (var (provider, section) in model.Providers.Zip(sections.Skip(1)))
        {
            Assert.StartsWith(provider.Id + " ", section, StringComparison.Ordinal);
            Assert.Contains("endpoint: POST ", section, StringComparison.Ordinal);
            foreach (var rule in provider.Parameters.Where(r => r.Default is not null || r.EditDefault is not null))
            {
                // The provider's default, and its default on the edit endpoint, sit in its parameter's row.
                var shownDefault = Cell(section, rule.Parameter, 3);
                Assert.Contains(rule.Default ?? "", shownDefault, StringComparison.Ordinal);
                Assert.Contains(rule.EditDefault is { } editDefault ? "with reference images: " + editDefault : "", shownDefault, StringComparison.Ordinal);
            }

            if (provider.PixelBudget is { } providerBudget)
            {
                Assert.Contains($"  pixel budget: {providerBudget.Width} × {providerBudget.Height} at most {providerBudget.MaxPixels.ToString("N0", CultureInfo.InvariantCulture)} pixels", section, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain("  pixel budget:", section, StringComparison.Ordinal);
            }

            foreach (var rule in provider.Parameters)
            {
                // Each provider spelling in the parameter's rules (read across the lines the table wraps it onto).
                foreach (var (value, wire) in rule.Values.Where(v => v.Value is not null && v.Value != v.Key))
                {
                    Assert.Contains($"{value} as {wire}", Cell(section, rule.Parameter, 2), StringComparison.Ordinal);
                }
            }

            foreach (var option in provider.Extra)
            {
                var row = Row(section, provider.Id + "." + option.Name);
                Assert.Contains(option.Type.ToCardWord(), row, StringComparison.Ordinal);
                if (option.Default is { } optionDefault)
                {
                    Assert.Contains(optionDefault, row, StringComparison.Ordinal);
                }
            }

            if (provider.Pricing is not { } price)
            {
                Assert.Contains($"Price: not published by {provider.Id}", section, StringComparison.Ordinal);
                continue;
            }

            foreach (var amount in new[] { price.PerRequest, price.PerMegapixel?.First, price.PerMegapixel?.Additional, price.PerMegapixel?.Output, price.PerMegapixel?.Input }.OfType<decimal>())
            {
                var text = amount.ToString("0.####", CultureInfo.InvariantCulture);
                Assert.Contains(price.Unit == PricingUnit.Credits ? $"│ {text} credits" : $"│ ${text}", section, StringComparison.Ordinal);
            }

            Assert.Contains($"source: {price.Source} (as of {price.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Human_output_names_the_edit_endpoints_and_the_additional_megapixel_rate()
    {
        var result = await Cli.RunAsync("describe", "flux-2-pro");

        Assert.Contains("edit endpoint (with reference images): POST https://queue.fal.run/fal-ai/flux-2-pro/edit (JSON)", result.Out, StringComparison.Ordinal);
        Assert.Contains("edit endpoint (with reference images): POST https://api.lumenfall.ai/openai/v1/images/edits (multipart form)", result.Out, StringComparison.Ordinal);
        Assert.Contains("│ for each further output megapixel │ 1.5 credits ($0.015) │", result.Out, StringComparison.Ordinal);
        Assert.Contains("│ bfl.webhook_url ", result.Out, StringComparison.Ordinal);
        Assert.Contains("  pixel budget: width × height at most 4,194,304 pixels (4.19 MP)", result.Out, StringComparison.Ordinal);
        Assert.Contains("4:3; with reference images: match_input_image", result.Out, StringComparison.Ordinal);
        Assert.Contains("jpeg (or jpg)", result.Out, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> DescribeJson(string modelId)
    {
        var result = await Cli.RunAsync("describe", modelId, "--json");
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Out);
    }

    /// <summary>The table row (one line) whose first cell is <paramref name="name"/>.</summary>
    private static string Row(string text, string name) =>
        text.Split('\n').FirstOrDefault(line => line.StartsWith($"│ {name} ", StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no row for {name} in:\n{text}");

    /// <summary>
    /// The text of one column (0 = the name) of the table row whose first cell is <paramref name="name"/>, with the
    /// lines the table wrapped it onto joined by single spaces.
    /// </summary>
    private static string Cell(string text, string name, int column)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith($"│ {name} ", StringComparison.Ordinal));
        if (start < 0)
        {
            throw new Xunit.Sdk.XunitException($"no row for {name} in:\n{text}");
        }

        var parts = lines.Skip(start).TakeWhile((line, i) => i == 0 || (line.StartsWith('│') && line.Split('│')[1].Trim().Length == 0))
            .Select(line => line.Split('│')[column + 1].Trim())
            .Where(part => part.Length > 0);
        return string.Join(" ", parts);
    }

    private static void AssertParameter(ParameterDescriptor expected, JsonElement shown)
    {
        Assert.Equal(expected.Name, shown.GetProperty("name").GetString());
        Assert.Equal(expected.Type.ToCardWord(), shown.GetProperty("type").GetString());
        Assert.Equal(expected.Required, shown.GetProperty("required").GetBoolean());
        Assert.Equal(expected.Default, shown.GetProperty("default").GetString());
        Assert.Equal(expected.Secret, shown.GetProperty("secret").GetBoolean());
        Assert.Equal(expected.Values.Select(v => v.Value), shown.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(
            expected.Values.Where(v => v.Aliases.Count > 0).Select(v => (v.Value, string.Join(",", v.Aliases))),
            shown.GetProperty("aliases").EnumerateObject().Select(a => (a.Name, string.Join(",", a.Value.EnumerateArray().Select(s => s.GetString())))));
        AssertLimits(expected.Limits, shown);
    }

    private static void AssertPixelBudget(PixelBudget? expected, JsonElement shown)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, shown.ValueKind);
            return;
        }

        Assert.Equal(expected.Width, shown.GetProperty("width").GetString());
        Assert.Equal(expected.Height, shown.GetProperty("height").GetString());
        Assert.Equal(expected.MaxPixels, shown.GetProperty("max_pixels").GetInt64());
    }

    private static void AssertLimits(ParameterLimits limits, JsonElement shown)
    {
        Assert.Equal(limits.Minimum, Number(shown, "min"));
        Assert.Equal(limits.Maximum, Number(shown, "max"));
        Assert.Equal((decimal?)limits.MultipleOf, Number(shown, "multiple_of"));
        Assert.Equal((decimal?)limits.MinLength, Number(shown, "min_length"));
        Assert.Equal((decimal?)limits.MaxLength, Number(shown, "max_length"));
        Assert.Equal((decimal?)limits.MaxItems, Number(shown, "max_items"));
        Assert.Equal(limits.Rounding?.ToString().ToLowerInvariant(), shown.TryGetProperty("rounding", out var rounding) ? rounding.GetString() : null);
        Assert.Equal(limits.Formats, shown.TryGetProperty("formats", out var formats) ? formats.EnumerateArray().Select(f => f.GetString()!).ToList() : []);
    }

    private static decimal? Number(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetDecimal() : null;

    private static decimal? Rate(JsonElement rates, string name) => rates.TryGetProperty(name, out var value) ? value.GetDecimal() : null;
}

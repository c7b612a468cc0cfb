using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FluxSpecs.Catalog;
using FluxSpecs.Cli.Output;
using FluxSpecs.Providers;
using Spectre.Console;

namespace FluxSpecs.Cli.Commands;

/// <summary>
/// <c>fluxspecs describe &lt;model&gt; [--json]</c>: everything needed to write a request, from the model's catalog
/// entry: each parameter with its type, rules, default and when it applies; per provider its endpoints (and the edit
/// endpoint), how it narrows, renames and spells the parameters, what it drops, its provider-only options, and every
/// price rate with its source and date.
/// </summary>
internal static class DescribeCommand
{
    public static Command Create(CliContext context)
    {
        var modelArgument = new Argument<string>("model") { Description = "The model id." };
        var json = CommonOptions.Json();
        var command = new Command("describe", "Show everything needed to write a request: parameters, rules, providers, options, endpoints and prices.") { modelArgument, json };
        command.SetAction(result => Guard.RunAsync(context, () =>
        {
            var model = context.Model(result.GetValue(modelArgument)!);
            if (result.GetValue(json))
            {
                JsonOut.Write(context.Out, writer => Write(writer, model));
            }
            else
            {
                Print(context.Out, model);
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static void Print(TextWriter output, ModelDescriptor model)
    {
        var console = Human.Console(output, pipedWidth: 160);
        output.WriteLine($"{model.Name} ({model.Id}){(model.Vendor is null ? "" : " by " + model.Vendor)}");
        if (model.Description is not null)
        {
            output.WriteLine(model.Description);
        }

        output.WriteLine();
        output.WriteLine("Parameters (* required; --set name=value, or a JSON request keyed by name):");
        var parameters = Columns("parameter", "type", "rules", "default", "description");
        foreach (var parameter in model.Parameters)
        {
            AddParameterRow(parameters, parameter, parameter.Name + (parameter.Required ? " *" : ""));
        }

        console.Write(parameters);
        if (model.PixelBudget is { } budget)
        {
            output.WriteLine($"Pixel budget: {CatalogText.PixelBudget(budget)}, on every provider unless it narrows it");
        }

        foreach (var provider in model.Providers)
        {
            PrintProvider(output, console, model, provider);
        }
    }

    private static void PrintProvider(TextWriter output, IAnsiConsole console, ModelDescriptor model, ProviderDescriptor provider)
    {
        var definition = ProviderRegistry.TryGet(provider.Id, out var found) ? found : null;
        var (generate, edit) = ProviderEndpoints.Of(model, provider);
        output.WriteLine();
        output.WriteLine($"Provider {provider.Id}{(definition is null ? "" : $" ({definition.DisplayName}, key in {definition.KeyVariable})")}");
        output.WriteLine($"  model: {provider.ModelId}{(provider.EditModelId is { } editModel ? $"; with reference images: {editModel}" : "")}");
        output.WriteLine($"  endpoint: {(object?)generate ?? "unknown (no definition of this provider is registered)"}");
        if (edit is not null)
        {
            output.WriteLine(edit == generate ? "  edit endpoint (with reference images): the same" : $"  edit endpoint (with reference images): {edit}");
        }

        if (provider.Docs is not null)
        {
            output.WriteLine($"  docs: {provider.Docs}");
        }

        if (provider.PixelBudget is { } budget)
        {
            output.WriteLine($"  pixel budget: {CatalogText.PixelBudget(budget)}");
        }

        if (provider.Parameters.Count > 0)
        {
            output.WriteLine($"  How {provider.Id} takes the parameters (its limits and defaults where narrower or other):");
            var table = Columns("parameter", "field", "rules", "default");
            foreach (var parameter in provider.Parameters)
            {
                table.AddRow(
                    Markup.Escape(parameter.Parameter),
                    Markup.Escape(parameter.Field ?? parameter.Parameter),
                    Markup.Escape(CatalogText.ProviderRules(parameter)),
                    Markup.Escape(CatalogText.ProviderDefault(parameter)));
            }

            console.Write(table);
        }

        foreach (var combination in provider.Combinations)
        {
            output.WriteLine($"  {string.Join(", ", combination.From)} → {string.Join(", ", combination.Into)} ({combination.Convert.ToCardWord()}"
                + (combination.MultipleOf is { } step ? string.Create(CultureInfo.InvariantCulture, $", multiples of {step}") : "") + ")");
        }

        if (ImageCount(model, provider) is { } count)
        {
            output.WriteLine(count.Field is { } field
                ? string.Create(CultureInfo.InvariantCulture, $"  Images per request (image_count): up to {count.Max}, in one request as {field}")
                : string.Create(CultureInfo.InvariantCulture, $"  Images per request (image_count): up to {count.Max}, as that many jobs started at once"));
        }

        if (provider.Unsupported.Count > 0)
        {
            output.WriteLine($"  Not accepted: {string.Join(", ", provider.Unsupported)} ({(provider.DropUnsupported ? "dropped with a warning" : "the request is refused")})");
        }

        if (provider.Extra.Count > 0)
        {
            output.WriteLine($"  Options only {provider.Id} takes (--set {provider.Id}.<option>=value):");
            var table = Columns("option", "type", "rules", "default", "description");
            foreach (var option in provider.Extra)
            {
                AddParameterRow(table, option, provider.Id + "." + option.Name + (option.Required ? " *" : ""));
            }

            console.Write(table);
        }

        if (provider.Pricing is not { } pricing)
        {
            output.WriteLine($"  Price: not published by {provider.Id}");
            return;
        }

        output.WriteLine($"  Price ({pricing.Unit.ToCardWord()}{(pricing.CreditUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $", 1 credit = ${usd:0.####}") : "")}):");
        var rates = Columns("rate", "amount");
        foreach (var rate in CatalogText.Rates(pricing))
        {
            rates.AddRow(Markup.Escape(rate.Per), Markup.Escape(CatalogText.Money(rate.Amount, pricing)));
        }

        console.Write(rates);
        if (pricing.PerMegapixel is { } megapixels)
        {
            output.WriteLine("    " + string.Join("; ", CatalogText.MegapixelRules(megapixels)));
        }

        if (ImageCount(model, provider) is { } images)
        {
            output.WriteLine(images.Field is null
                ? "    rates are per image: N images are N jobs, each billed every rate"
                : "    rates are per image: N images bill N times the megapixel rates, a per-request price once");
        }

        output.WriteLine($"    source: {CatalogText.Source(pricing)}");
        if (pricing.Note is not null)
        {
            output.WriteLine($"    note: {pricing.Note}");
        }
    }

    /// <summary>
    /// How the provider makes the model's image count: in one request through its count field, or as that many jobs;
    /// null when the card declares no count.
    /// </summary>
    private static (string? Field, decimal? Max)? ImageCount(ModelDescriptor model, ProviderDescriptor provider) =>
        model.ImageCount is { } count
            ? (provider.ImageCountField, provider.Parameters.FirstOrDefault(p => p.Parameter == ModelDescriptor.ImageCountParameter)?.Limits.Maximum ?? count.Limits.Maximum)
            : null;

    /// <summary>A table whose first column (the name to type) never wraps.</summary>
    private static Table Columns(string name, params string[] others) =>
        new Table().AddColumn(new TableColumn(name).NoWrap()).AddColumns(others);

    private static void AddParameterRow(Table table, ParameterDescriptor parameter, string name) =>
        table.AddRow(
            Markup.Escape(name),
            parameter.Type.ToCardWord() + (parameter.Secret ? " (secret)" : ""),
            Markup.Escape(CatalogText.Rules(parameter.Limits, parameter.Values.Select(CatalogText.Value), parameter.Applicability)),
            Markup.Escape(parameter.Default ?? ""),
            Markup.Escape(parameter.Description ?? ""));

    private static void Write(Utf8JsonWriter writer, ModelDescriptor model)
    {
        writer.WriteStartObject();
        writer.WriteString("id", model.Id);
        writer.WriteString("name", model.Name);
        writer.WriteString("vendor", model.Vendor);
        writer.WriteString("description", model.Description);
        WritePixelBudget(writer, model.PixelBudget);
        writer.WriteStartArray("parameters");
        foreach (var parameter in model.Parameters)
        {
            WriteParameter(writer, parameter, parameter.Name);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("providers");
        foreach (var provider in model.Providers)
        {
            WriteProvider(writer, model, provider);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteProvider(Utf8JsonWriter writer, ModelDescriptor model, ProviderDescriptor provider)
    {
        var definition = ProviderRegistry.TryGet(provider.Id, out var found) ? found : null;
        var (generate, edit) = ProviderEndpoints.Of(model, provider);
        writer.WriteStartObject();
        writer.WriteString("id", provider.Id);
        writer.WriteString("name", definition?.DisplayName);
        writer.WriteString("key_variable", definition?.KeyVariable);
        writer.WriteString("model", provider.ModelId);
        writer.WriteString("edit_model", provider.EditModelId);
        writer.WriteString("docs", provider.Docs);
        writer.WritePropertyName("endpoint");
        WriteEndpoint(writer, generate);
        writer.WritePropertyName("edit_endpoint");
        WriteEndpoint(writer, edit);
        WritePixelBudget(writer, provider.PixelBudget);

        writer.WriteStartArray("parameters");
        foreach (var parameter in provider.Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("parameter", parameter.Parameter);
            writer.WriteString("field", parameter.Field ?? parameter.Parameter);
            WriteLimits(writer, parameter.Limits);
            writer.WriteString("default", parameter.Default);
            writer.WriteString("edit_default", parameter.EditDefault);
            if (parameter.Values.Count > 0)
            {
                // Model value → the provider's spelling; null: accepted, not sent.
                writer.WriteStartObject("values");
                foreach (var (value, wire) in parameter.Values)
                {
                    writer.WriteString(value, wire);
                }

                writer.WriteEndObject();
            }

            if (parameter.Convert is { } convert)
            {
                writer.WriteString("convert", convert.ToCardWord());
            }

            if (parameter.ImageShape is not null || parameter.ImageEncoding is not null)
            {
                writer.WriteStartObject("images");
                writer.WriteString("shape", parameter.ImageShape?.ToString().ToLowerInvariant());
                writer.WriteString("encoding", parameter.ImageEncoding?.ToCardWord());
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("combinations");
        foreach (var combination in provider.Combinations)
        {
            writer.WriteStartObject();
            writer.WriteString("convert", combination.Convert.ToCardWord());
            WriteStrings(writer, "from", combination.From);
            WriteStrings(writer, "into", combination.Into);
            WriteNumber(writer, "multiple_of", combination.MultipleOf);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteStrings(writer, "unsupported", provider.Unsupported);
        writer.WriteString("on_unsupported", provider.DropUnsupported ? "drop" : "reject");
        writer.WriteStartArray("options");
        foreach (var option in provider.Extra)
        {
            WriteParameter(writer, option, provider.Id + "." + option.Name, provider: true);
        }

        writer.WriteEndArray();
        if (ImageCount(model, provider) is { } count)
        {
            writer.WriteStartObject("image_count");
            writer.WriteString("field", count.Field);
            WriteNumber(writer, "max", count.Max);
            writer.WriteBoolean("in_one_request", count.Field is not null);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("image_count");
        }

        writer.WriteString("price", CatalogText.PriceSummary(provider.Pricing));
        writer.WritePropertyName("pricing");
        WritePricing(writer, provider.Pricing);
        writer.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter writer, ParameterDescriptor parameter, string setAs, bool provider = false)
    {
        writer.WriteStartObject();
        writer.WriteString("name", parameter.Name);
        writer.WriteString("set_as", setAs);
        writer.WriteString("type", parameter.Type.ToCardWord());
        writer.WriteBoolean("required", parameter.Required);
        writer.WriteString("default", parameter.Default);
        writer.WriteString("description", parameter.Description);
        WriteLimits(writer, parameter.Limits);
        WriteStrings(writer, "values", parameter.Values.Select(v => v.Value));

        // Value → the providers' spellings accepted for it (and normalised to it), for the values that have any.
        writer.WriteStartObject("aliases");
        foreach (var value in parameter.Values.Where(v => v.Aliases.Count > 0))
        {
            WriteStrings(writer, value.Value, value.Aliases);
        }

        writer.WriteEndObject();
        if (parameter.Applicability is { } applicability)
        {
            writer.WriteStartObject(applicability.Negated ? "applies_unless" : "applies_when");
            WriteStrings(writer, applicability.Parameter, applicability.Values);
            writer.WriteEndObject();
        }

        writer.WriteBoolean("secret", parameter.Secret);
        if (provider)
        {
            writer.WriteString("field", parameter.Field ?? parameter.Name);
            writer.WriteBoolean("top_level", parameter.TopLevel);
        }

        writer.WriteEndObject();
    }

    private static void WriteLimits(Utf8JsonWriter writer, ParameterLimits limits)
    {
        WriteNumber(writer, "min", limits.Minimum);
        WriteNumber(writer, "max", limits.Maximum);
        WriteNumber(writer, "multiple_of", limits.MultipleOf);
        if (limits.Rounding is { } rounding)
        {
            writer.WriteString("rounding", CatalogText.RoundingWord(rounding));
        }

        WriteNumber(writer, "min_length", limits.MinLength);
        WriteNumber(writer, "max_length", limits.MaxLength);
        WriteNumber(writer, "max_items", limits.MaxItems);
        if (limits.Formats.Count > 0)
        {
            WriteStrings(writer, "formats", limits.Formats);
        }
    }

    private static void WritePricing(Utf8JsonWriter writer, PricingDescriptor? pricing)
    {
        if (pricing is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("unit", pricing.Unit.ToCardWord());
        WriteNumber(writer, "credit_usd", pricing.CreditUsd);
        writer.WriteStartObject("rates");
        foreach (var rate in CatalogText.Rates(pricing))
        {
            writer.WriteNumber(rate.Name, rate.Amount);
        }

        writer.WriteEndObject();
        if (pricing.PerMegapixel is { } megapixels)
        {
            writer.WriteString("rounding", megapixels.Rounding.ToString().ToLowerInvariant());
            WriteNumber(writer, "min_input_mp", megapixels.MinInputMegapixels);
            WriteNumber(writer, "max_mp", megapixels.MaxMegapixels);
            writer.WriteNumber("pixels_per_mp", megapixels.PixelsPerMegapixel);
        }

        writer.WriteString("source", pricing.Source);
        writer.WriteString("as_of", pricing.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteBoolean("verified", pricing.Verified);
        writer.WriteString("note", pricing.Note);
        writer.WriteEndObject();
    }

    /// <summary><c>{"width", "height", "max_pixels"}</c>: the two parameters and the most pixels their product may reach; null when none.</summary>
    private static void WritePixelBudget(Utf8JsonWriter writer, PixelBudget? budget)
    {
        if (budget is null)
        {
            writer.WriteNull("pixel_budget");
            return;
        }

        writer.WriteStartObject("pixel_budget");
        writer.WriteString("width", budget.Width);
        writer.WriteString("height", budget.Height);
        writer.WriteNumber("max_pixels", budget.MaxPixels);
        writer.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter writer, ProviderEndpoints.Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("method", endpoint.Method);
        writer.WriteString("url", endpoint.Url);
        writer.WriteString("body", endpoint.Multipart ? "multipart" : "json");
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FluxSpecs.Catalog;
using FluxSpecs.Cli.Output;
using Spectre.Console;

namespace FluxSpecs.Cli.Commands;

/// <summary><c>fluxspecs describe &lt;model&gt; [--json]</c>: a model's parameters, rules and providers, from its card.</summary>
internal static class DescribeCommand
{
    public static Command Create(CliContext context)
    {
        var modelArgument = new Argument<string>("model") { Description = "The model id." };
        var json = CommonOptions.Json();
        var command = new Command("describe", "Show a model's parameters, their rules, and its providers.") { modelArgument, json };
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
        output.WriteLine($"{model.Name} ({model.Id}){(model.Vendor is null ? "" : " by " + model.Vendor)}");
        if (model.Description is not null)
        {
            output.WriteLine(model.Description);
        }

        var table = new Table().AddColumns("parameter", "type", "rules", "default");
        foreach (var parameter in model.Parameters)
        {
            table.AddRow(
                parameter.Name + (parameter.Required ? " *" : ""),
                parameter.Type.ToString().ToLowerInvariant(),
                Markup.Escape(Rules(parameter)),
                Markup.Escape(parameter.Default ?? ""));
        }

        Human.Console(output).Write(table);
        var providers = new Table().AddColumns("provider", "model id", "price");
        foreach (var provider in model.Providers)
        {
            providers.AddRow(provider.Id, Markup.Escape(provider.ModelId), Markup.Escape(Price(provider.Pricing)));
        }

        Human.Console(output).Write(providers);
    }

    private static string Rules(ParameterDescriptor parameter)
    {
        var limits = parameter.Limits;
        var parts = new List<string>();
        if (limits.Minimum is not null || limits.Maximum is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{limits.Minimum}–{limits.Maximum}"));
        }

        if (limits.MultipleOf is { } step)
        {
            parts.Add("×" + step.ToString(CultureInfo.InvariantCulture));
        }

        if (limits.MaxItems is { } items)
        {
            parts.Add("≤" + items.ToString(CultureInfo.InvariantCulture) + " items");
        }

        if (limits.MaxLength is { } length)
        {
            parts.Add("≤" + length.ToString(CultureInfo.InvariantCulture) + " chars");
        }

        if (parameter.Values.Count > 0)
        {
            parts.Add(string.Join("|", parameter.Values.Select(v => v.Value)));
        }

        if (parameter.Applicability is { } condition)
        {
            parts.Add((condition.Negated ? "unless " : "when ") + condition.Parameter + "=" + string.Join("|", condition.Values));
        }

        return string.Join("; ", parts);
    }

    private static string Price(PricingDescriptor? pricing) => pricing switch
    {
        null => "not published",
        { PerRequest: { } perRequest } => string.Create(CultureInfo.InvariantCulture, $"{perRequest} {pricing.Unit.ToCardWord()}/request"),
        { PerMegapixel: { } rates } => string.Create(CultureInfo.InvariantCulture, $"{rates.First ?? rates.Output} {pricing.Unit.ToCardWord()}/MP"),
        _ => pricing.Unit.ToCardWord(),
    };

    private static void Write(Utf8JsonWriter writer, ModelDescriptor model)
    {
        writer.WriteStartObject();
        writer.WriteString("id", model.Id);
        writer.WriteString("name", model.Name);
        writer.WriteString("vendor", model.Vendor);
        writer.WriteString("description", model.Description);
        writer.WriteStartArray("parameters");
        foreach (var parameter in model.Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.Name);
            writer.WriteString("type", parameter.Type.ToString().ToLowerInvariant());
            writer.WriteBoolean("required", parameter.Required);
            writer.WriteString("default", parameter.Default);
            writer.WriteString("description", parameter.Description);
            WriteNumber(writer, "min", parameter.Limits.Minimum);
            WriteNumber(writer, "max", parameter.Limits.Maximum);
            WriteNumber(writer, "multiple_of", parameter.Limits.MultipleOf);
            WriteNumber(writer, "max_items", parameter.Limits.MaxItems);
            WriteNumber(writer, "max_length", parameter.Limits.MaxLength);
            writer.WriteStartArray("values");
            foreach (var value in parameter.Values)
            {
                writer.WriteStringValue(value.Value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("providers");
        foreach (var provider in model.Providers)
        {
            writer.WriteStartObject();
            writer.WriteString("id", provider.Id);
            writer.WriteString("model", provider.ModelId);
            writer.WriteString("price", Price(provider.Pricing));
            writer.WriteString("price_source", provider.Pricing?.Source);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}

using System.CommandLine;
using FluxSpecs.Cli.Output;
using Spectre.Console;

namespace FluxSpecs.Cli.Commands;

/// <summary><c>fluxspecs models [--json]</c>: every model compiled into the tool, with its providers.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("models", "List the models and the providers that offer them.") { json };
        command.SetAction(result =>
        {
            if (result.GetValue(json))
            {
                JsonOut.Write(context.Out, writer =>
                {
                    writer.WriteStartArray();
                    foreach (var model in context.Models)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", model.Id);
                        writer.WriteString("name", model.Name);
                        writer.WriteString("vendor", model.Vendor);
                        writer.WriteStartArray("providers");
                        foreach (var provider in model.Providers)
                        {
                            writer.WriteStringValue(provider.Id);
                        }

                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                });
            }
            else
            {
                var table = new Table().AddColumns("id", "name", "vendor", "providers");
                foreach (var model in context.Models)
                {
                    table.AddRow(model.Id, Markup.Escape(model.Name), Markup.Escape(model.Vendor ?? ""), string.Join(", ", model.Providers.Select(p => p.Id)));
                }

                Human.Console(context.Out).Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

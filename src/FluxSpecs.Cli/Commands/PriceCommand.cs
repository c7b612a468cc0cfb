using System.CommandLine;
using FluxSpecs.Cli.Output;
using FluxSpecs.Pricing;
using Spectre.Console;

namespace FluxSpecs.Cli.Commands;

/// <summary><c>fluxspecs price --model &lt;id&gt; (--provider &lt;id&gt; | --all) (--request … | --set …) [--json]</c>.</summary>
internal static class PriceCommand
{
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider("The provider to price on.");
        var all = new Option<bool>("--all") { Description = "Price on every provider that offers the model, cheapest first." };
        var request = CommonOptions.Request();
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var command = new Command("price", "Estimate what a request costs, on one provider or all of them.") { model, provider, all, request, set, json };
        command.SetAction(result => Guard.RunAsync(context, () =>
        {
            var descriptor = context.Model(result.GetValue(model)!);
            var providerId = result.GetValue(provider);
            if ((providerId is null) == !result.GetValue(all))
            {
                throw new UsageException("Give either --provider <id> or --all.");
            }

            var modelRequest = context.ReadRequest(descriptor, result.GetValue(request), result.GetValue(set) ?? []);
            if (providerId is not null)
            {
                CliContext.Provider(descriptor, providerId);
                var estimate = modelRequest.EstimatePrice(providerId);
                if (result.GetValue(json))
                {
                    JsonOut.Write(context.Out, writer => JsonOut.Price(writer, estimate));
                }
                else
                {
                    Human.Price(context.Out, estimate);
                }

                return Task.FromResult(ExitCodes.Success);
            }

            var comparison = PriceComparison.For(modelRequest);
            if (result.GetValue(json))
            {
                JsonOut.Write(context.Out, writer =>
                {
                    writer.WriteStartArray();
                    foreach (var estimate in comparison.Estimates)
                    {
                        JsonOut.Price(writer, estimate);
                    }

                    writer.WriteEndArray();
                });
                foreach (var excluded in comparison.Excluded)
                {
                    context.Error.WriteLine($"left out: {context.Secrets.Redact(excluded.Reason)}");
                }
            }
            else
            {
                var table = new Table().AddColumns("provider", "price", "output", "source");
                foreach (var estimate in comparison.Estimates)
                {
                    table.AddRow(estimate.ProviderId, Markup.Escape(Human.Amount(estimate)), estimate.OutputSize.ToString(), Markup.Escape(estimate.Source));
                }

                Human.Console(context.Out).Write(table);
                foreach (var excluded in comparison.Excluded)
                {
                    context.Out.WriteLine($"left out: {context.Secrets.Redact(excluded.Reason)}");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}

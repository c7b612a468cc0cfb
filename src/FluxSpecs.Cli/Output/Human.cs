using System.Globalization;
using FluxSpecs.Cli.Requests;
using FluxSpecs.Pricing;
using FluxSpecs.Validation;
using Spectre.Console;

namespace FluxSpecs.Cli.Output;

/// <summary>Terminal output: Spectre.Console tables, plain text where the output is not a terminal.</summary>
internal static class Human
{
    /// <summary>
    /// A console over <paramref name="output"/>. A terminal keeps its own width; other output (a pipe, a file) is
    /// <paramref name="pipedWidth"/> columns wide when given, so long tables are not wrapped to 80 columns.
    /// </summary>
    public static IAnsiConsole Console(TextWriter output, int? pipedWidth = null)
    {
        var terminal = output == System.Console.Out && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal && pipedWidth is { } width)
        {
            console.Profile.Width = width;
        }

        return console;
    }

    public static void Violations(TextWriter output, FluxSpecs.Validation.ValidationResult result, SecretValues secrets)
    {
        if (result.IsValid)
        {
            output.WriteLine("valid");
        }
        else
        {
            var table = new Table().AddColumns("parameter", "value", "rule", "message");
            foreach (var violation in result.Violations)
            {
                table.AddRow(Markup.Escape(violation.Parameter), Markup.Escape(secrets.ViolationValue(violation) ?? ""), Markup.Escape(violation.Rule), Markup.Escape(secrets.ViolationMessage(violation)));
            }

            Console(output).Write(table);
        }

        foreach (var warning in result.Warnings)
        {
            output.WriteLine("warning: " + secrets.Redact(warning));
        }
    }

    public static string Amount(PriceEstimate estimate) =>
        (estimate.Credits is { } credits ? string.Create(CultureInfo.InvariantCulture, $"{credits:0.####} credits") + (estimate.AmountUsd is null ? "" : " = ") : "")
        + (estimate.AmountUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $"${usd:0.####}") : (estimate.Credits is null ? "unknown" : ""));

    public static void Price(TextWriter output, PriceEstimate estimate)
    {
        output.WriteLine($"{estimate.ProviderId} {estimate.ModelId}: {Amount(estimate)} for {estimate.OutputSize}");
        foreach (var line in estimate.Breakdown)
        {
            output.WriteLine("  " + line);
        }

        foreach (var assumption in estimate.Assumptions)
        {
            output.WriteLine("  assumed: " + assumption);
        }

        output.WriteLine($"  source: {estimate.Source} (as of {estimate.AsOf:yyyy-MM-dd}{(estimate.Verified ? "" : ", not verified")})");
    }
}

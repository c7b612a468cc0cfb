using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluxSpecs.Cli.Requests;
using FluxSpecs.Pricing;
using FluxSpecs.Validation;

namespace FluxSpecs.Cli.Output;

/// <summary>The CLI's <c>--json</c> shapes, written with <see cref="Utf8JsonWriter"/> in the invariant culture.</summary>
internal static class JsonOut
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary><c>{"valid", "violations": [{"parameter", "value", "rule", "message"}]}</c>.</summary>
    public static void Validation(Utf8JsonWriter writer, ValidationResult result, SecretValues secrets)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("valid", result.IsValid);
        writer.WriteStartArray("violations");
        foreach (var violation in result.Violations)
        {
            writer.WriteStartObject();
            writer.WriteString("parameter", violation.Parameter);
            writer.WriteString("value", secrets.ViolationValue(violation));
            writer.WriteString("rule", violation.Rule);
            writer.WriteString("message", secrets.ViolationMessage(violation));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The provider, currency, amount, credits where billed in credits, and the breakdown.</summary>
    public static void Price(Utf8JsonWriter writer, PriceEstimate estimate)
    {
        writer.WriteStartObject();
        writer.WriteString("provider", estimate.ProviderId);
        writer.WriteString("model", estimate.ModelId);
        writer.WriteString("currency", "USD");
        if (estimate.AmountUsd is { } usd)
        {
            writer.WriteNumber("amount", usd);
        }
        else
        {
            writer.WriteNull("amount");
        }

        if (estimate.Credits is { } credits)
        {
            writer.WriteNumber("credits", credits);
            if (estimate.CreditUsd is { } rate)
            {
                writer.WriteNumber("credit_usd", rate);
            }
        }

        writer.WriteString("output_size", estimate.OutputSize.Width + "x" + estimate.OutputSize.Height);
        writer.WriteStartArray("breakdown");
        foreach (var line in estimate.Breakdown)
        {
            writer.WriteStartObject();
            writer.WriteString("item", line.Item);
            writer.WriteNumber("quantity", line.Quantity);
            writer.WriteString("unit", line.QuantityUnit);
            writer.WriteNumber("rate", line.Rate);
            writer.WriteNumber("amount", line.Amount);
            if (line.Note is not null)
            {
                writer.WriteString("note", line.Note);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("assumptions");
        foreach (var assumption in estimate.Assumptions)
        {
            writer.WriteStringValue(assumption);
        }

        writer.WriteEndArray();
        writer.WriteString("source", estimate.Source);
        writer.WriteString("as_of", estimate.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteBoolean("verified", estimate.Verified);
        writer.WriteEndObject();
    }
}

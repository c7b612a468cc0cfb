using System.Text.Encodings.Web;
using System.Text.Json;

namespace FluxSpecs.Batches;

/// <summary>
/// A line of <c>results.jsonl</c>: <c>{"id", "status", "reason", "model", "provider", "job", "estimate", "cost",
/// "files", "attempts", "error", "violations"}</c>, amounts in US dollars (null when unknown), files relative to the
/// output folder, <c>reason</c> (<c>budget</c> or <c>unpriced</c> for a skipped row, <c>deadline</c> for a row a
/// deadline skipped, canceled or abandoned) null when the row ended on its own, each attempt
/// <c>{"provider", "outcome" (refused|created|may_exist), "http_status", "code", "message"}</c>.
/// </summary>
internal static class BatchResultsFile
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Line(BatchRowResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, result);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The result as one JSON object (also the CLI's <c>--json</c> row event).</summary>
    public static void Write(Utf8JsonWriter writer, BatchRowResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("id", result.Id);
        writer.WriteString("status", StatusName(result.Status));
        writer.WriteString("reason", result.Reason?.ToString().ToLowerInvariant());
        writer.WriteString("model", result.ModelId);
        writer.WriteString("provider", result.ProviderId);
        writer.WriteString("job", result.JobHandle);
        Amount(writer, "estimate", result.EstimateUsd);
        Amount(writer, "cost", result.CostUsd);
        writer.WriteStartArray("files");
        foreach (var file in result.Files)
        {
            writer.WriteStringValue(file);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("attempts");
        foreach (var attempt in result.Attempts)
        {
            writer.WriteStartObject();
            writer.WriteString("provider", attempt.ProviderId);
            writer.WriteString("outcome", SqliteBatchJournal.OutcomeName(attempt.Outcome));
            if (attempt.HttpStatus is { } status)
            {
                writer.WriteNumber("http_status", status);
            }
            else
            {
                writer.WriteNull("http_status");
            }

            writer.WriteString("code", attempt.ProviderCode);
            writer.WriteString("message", attempt.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("error", result.Error);
        writer.WriteStartArray("violations");
        foreach (var violation in result.Violations)
        {
            writer.WriteStartObject();
            writer.WriteString("parameter", violation.Parameter);
            writer.WriteString("value", violation.Value);
            writer.WriteString("rule", violation.Rule);
            writer.WriteString("message", violation.Message);
            writer.WriteString("provider", violation.Provider);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The status as <c>results.jsonl</c> spells it: <c>succeeded</c>, <c>unknown</c> …</summary>
    public static string StatusName(BatchRowStatus status) => status.ToString().ToLowerInvariant();

    private static void Amount(Utf8JsonWriter writer, string name, decimal? amount)
    {
        if (amount is { } value)
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

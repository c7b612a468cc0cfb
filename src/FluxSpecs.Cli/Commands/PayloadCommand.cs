using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxSpecs.Cli.Output;
using FluxSpecs.Cli.Requests;
using FluxSpecs.Mapping;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Commands;

/// <summary>
/// <c>fluxspecs payload --model &lt;id&gt; --provider &lt;id&gt; (--request … | --set …) [--json]</c>: the exact HTTP
/// request that would create the job — method, URL, headers (secrets redacted) and body — without sending it.
/// </summary>
internal static class PayloadCommand
{
    /// <summary>Headers that carry a key; their values are never printed.</summary>
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "x-key", "X-API-Key", "x-magnific-api-key" };

    public static Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider("The provider whose request to show.");
        provider.Required = true;
        var request = CommonOptions.Request();
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var showSecrets = new Option<bool>("--show-secrets") { Description = "Print the request's secret values (secret: true parameters such as bfl.webhook_secret) instead of ***. Keys are never printed." };
        var command = new Command("payload", "Show the exact request a provider would receive, without sending it.") { model, provider, request, set, json, showSecrets };
        command.SetAction(result => Guard.RunAsync(context, () =>
        {
            var descriptor = context.Model(result.GetValue(model)!);
            var providerId = result.GetValue(provider)!;
            if (providerId == ProviderIds.Local)
            {
                throw new UsageException("'local' speaks each provider's protocol; ask for the payload of a provider: " + string.Join(", ", descriptor.Providers.Select(p => p.Id)) + ".");
            }

            var shown = result.GetValue(showSecrets);
            var payload = context.ReadRequest(descriptor, result.GetValue(request), result.GetValue(set) ?? [], showSecrets: shown, provider: CliContext.Provider(descriptor, providerId))
                .CreatePayload(providerId);
            var secrets = context.Secrets;
            var definition = ProviderRegistry.Get(providerId);
            var key = Environment.GetEnvironmentVariable(definition.KeyVariable);
            using var http = new HttpClient();
            var protocol = ProviderEndpoints.Protocol(definition, http, key);
            using var message = protocol.BuildCreateRequest(payload.ToSubmission());
            var url = secrets.Redact(message.RequestUri!.ToString());
            var headers = message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .Where(h => !(h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && payload.IsMultipart))
                .Select(h => (h.Key, Value: secrets.Redact(Redact(h.Key, string.Join(", ", h.Value), key))))
                .ToList();
            if (result.GetValue(json))
            {
                JsonOut.Write(context.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("method", message.Method.Method);
                    writer.WriteString("url", url);
                    writer.WriteStartObject("headers");
                    foreach (var (name, value) in headers)
                    {
                        writer.WriteString(name, value);
                    }

                    writer.WriteEndObject();
                    writer.WritePropertyName("body");
                    WriteBody(writer, payload, shown ? null : secrets);
                    writer.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine($"{message.Method.Method} {url}");
                foreach (var (name, value) in headers)
                {
                    context.Out.WriteLine($"{name}: {value}");
                }

                context.Out.WriteLine();
                JsonOut.Write(context.Out, writer => WriteBody(writer, payload, shown ? null : secrets));
            }

            foreach (var warning in payload.Warnings)
            {
                context.Error.WriteLine("warning: " + secrets.Redact(warning));
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static string Redact(string name, string value, string? key)
    {
        if (SecretHeaders.Contains(name))
        {
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && space > 0 ? value[..space] + " ***" : "***";
        }

        return key is { Length: > 0 } ? value.Replace(key, "***", StringComparison.Ordinal) : value;
    }

    /// <summary>
    /// The JSON body as the provider receives it, or the multipart parts (file parts named, never dumped); with
    /// <paramref name="secrets"/>, every secret value in it (and every part marked secret) is <c>***</c>.
    /// </summary>
    private static void WriteBody(Utf8JsonWriter writer, ProviderPayload payload, SecretValues? secrets)
    {
        if (payload.Parts is not { } parts)
        {
            var body = JsonNode.Parse(payload.Json.Span);
            secrets?.Redact(body);
            if (body is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                body.WriteTo(writer);
            }

            return;
        }

        writer.WriteStartArray();
        foreach (var part in parts)
        {
            writer.WriteStartObject();
            writer.WriteString("name", part.Name);
            if (part.IsFile)
            {
                writer.WriteString("file", part.FileName);
                writer.WriteString("media_type", part.MediaType);
            }
            else
            {
                writer.WriteString("value", secrets is null ? part.Value : part.IsSecret ? SecretValues.Mask : secrets.RedactOrNull(part.Value));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

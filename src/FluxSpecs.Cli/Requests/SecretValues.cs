using System.Text.Json.Nodes;
using FluxSpecs.Catalog;

namespace FluxSpecs.Cli.Requests;

/// <summary>
/// The values of a request's <c>secret: true</c> parameters (BFL's <c>webhook_secret</c>), as the catalog marks them,
/// and text with each of them replaced by <see cref="Mask"/>: what the CLI prints unless <c>--show-secrets</c> asks
/// for them.
/// </summary>
internal sealed class SecretValues
{
    public const string Mask = "***";

    /// <summary>No secrets: text passes unchanged.</summary>
    public static readonly SecretValues None = new([], new HashSet<string>());

    private readonly IReadOnlyList<string> _values;
    private readonly HashSet<string> _parameters;

    private SecretValues(IReadOnlyList<string> values, HashSet<string> parameters)
    {
        _values = values;
        _parameters = parameters;
    }

    /// <summary>The secret values <paramref name="request"/> sets: model parameters and provider-only options (<c>bfl.webhook_secret</c>).</summary>
    public static SecretValues Of(IModelRequest request)
    {
        var model = request.Model;
        var secret = model.Parameters.Where(p => p.Secret).Select(p => (Name: p.Name, SetAs: p.Name))
            .Concat(model.Providers.SelectMany(provider => provider.Extra.Where(p => p.Secret).Select(p => (p.Name, SetAs: provider.Id + "." + p.Name))))
            .ToList();
        var values = secret.Select(p => p.SetAs)
            .Select(name => request.GetParameter(name) as string)
            .OfType<string>()
            .Where(value => value.Length > 0)
            .Distinct(StringComparer.Ordinal)

            // Longest first, so a secret that contains another is masked whole.
            .OrderByDescending(value => value.Length)
            .ToList();
        return values.Count == 0 ? None : new SecretValues(values, [.. secret.Select(p => p.Name)]);
    }

    /// <summary>True when the request sets a secret.</summary>
    public bool Any => _values.Count > 0;

    /// <summary><paramref name="text"/> with every secret value replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        foreach (var value in _values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// A violation's value as printed: <see cref="Mask"/> for a secret parameter's (validation shortens long values, so
    /// the secret may not appear whole), else <see cref="Redact(string)"/>.
    /// </summary>
    public string? ViolationValue(Validation.Violation violation) =>
        violation.Value is { } value && (_parameters.Contains(violation.Parameter) || IsShortenedSecret(value)) ? Mask : RedactOrNull(violation.Value);

    /// <summary>A value validation shortened (<c>abc...</c>) from a secret: its start would give the secret away.</summary>
    private bool IsShortenedSecret(string value) =>
        value.EndsWith("...", StringComparison.Ordinal) && value.Length > 3 && _values.Any(secret => secret.StartsWith(value[..^3], StringComparison.Ordinal));

    /// <summary>A violation's message as printed: the value of a secret parameter masked, then <see cref="Redact(string)"/>.</summary>
    public string ViolationMessage(Validation.Violation violation) =>
        Redact(_parameters.Contains(violation.Parameter) && violation.Value is { Length: > 0 } value
            ? violation.Message.Replace(value, Mask, StringComparison.Ordinal)
            : violation.Message);

    /// <summary>An error's message as printed: a validation error's violations as <see cref="ViolationMessage"/>, every secret masked.</summary>
    public string ErrorMessage(Exception error)
    {
        var message = error.Message;
        if (error is Errors.RequestValidationException invalid)
        {
            foreach (var violation in invalid.Violations.Where(v => _parameters.Contains(v.Parameter) && v.Value is { Length: > 0 }))
            {
                message = message.Replace(violation.Value!, Mask, StringComparison.Ordinal);
            }
        }

        return Redact(message);
    }

    /// <summary>Nullable <see cref="Redact(string)"/>.</summary>
    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>Every string in a JSON tree redacted in place (property values and list items; names are the card's).</summary>
    public void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[name] = Redact(text);
                    }
                    else
                    {
                        Redact(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = Redact(text);
                    }
                    else
                    {
                        Redact(array[i]);
                    }
                }

                break;
        }
    }
}

using FluxSpecs.Generator.Cards.Grammar;
using NJsonSchema;

namespace FluxSpecs.Generator.Tests.Schema;

/// <summary>
/// Turns the generator's card grammar into <c>specs/model-card.schema.json</c> with NJsonSchema. The grammar is what the
/// generator checks cards with, so the schema editors use cannot drift from what the build accepts.
/// </summary>
public static class CardSchemaExporter
{
    public static JsonSchema Export()
    {
        var schema = Fill(new JsonSchema(), CardGrammar.Card);
        schema.Title = "FluxSpecs model card";
        return schema;
    }

    public static string ExportJson() => Export().ToJson().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>Writes <paramref name="rule"/> into <paramref name="schema"/>; NJsonSchema wants properties as their own subtype, so callers pick the instance.</summary>
    private static T Fill<T>(T schema, Rule rule)
        where T : JsonSchema
    {
        schema.Description = rule.Description;
        switch (rule)
        {
            case ScalarRule scalar:
                schema.Type = scalar.Kind switch
                {
                    ScalarKind.Integer => JsonObjectType.Integer,
                    ScalarKind.Number => JsonObjectType.Number,
                    ScalarKind.Boolean => JsonObjectType.Boolean,
                    ScalarKind.Null => JsonObjectType.Null,
                    ScalarKind.Any => JsonObjectType.String | JsonObjectType.Number | JsonObjectType.Integer | JsonObjectType.Boolean,
                    _ => JsonObjectType.String,
                };
                schema.Pattern = scalar.Pattern;
                foreach (var word in scalar.Words)
                {
                    schema.Enumeration.Add(word);
                }

                break;
            case SequenceRule sequence:
                schema.Type = JsonObjectType.Array;
                schema.Item = Fill(new JsonSchema(), sequence.Items);
                break;
            case MappingRule mapping:
                FillMapping(schema, mapping);
                break;
            case OneOfRule oneOf:
                foreach (var alternative in oneOf.Alternatives)
                {
                    schema.OneOf.Add(Fill(new JsonSchema(), alternative));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.GetType().Name, "Unknown grammar rule.");
        }

        return schema;
    }

    private static void FillMapping(JsonSchema schema, MappingRule rule)
    {
        schema.Type = JsonObjectType.Object;
        schema.AllowAdditionalProperties = false;
        foreach (var key in rule.Keys)
        {
            schema.Properties[key.Name] = Fill(new JsonSchemaProperty(), key.Value);
            if (key.Required)
            {
                schema.RequiredProperties.Add(key.Name);
            }
        }

        if (rule.AnyKey is null)
        {
            return;
        }

        if (rule.KeyPattern is null)
        {
            schema.AllowAdditionalProperties = true;
            schema.AdditionalPropertiesSchema = Fill(new JsonSchema(), rule.AnyKey);
        }
        else
        {
            schema.PatternProperties[rule.KeyPattern] = Fill(new JsonSchemaProperty(), rule.AnyKey);
        }
    }
}

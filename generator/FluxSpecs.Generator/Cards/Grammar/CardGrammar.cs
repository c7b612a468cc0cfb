using FluxSpecs.Generator.Diagnostics;

namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>
    /// The shape of a model card, as data. <see cref="CardShapeChecker"/> checks cards against it and the schema
    /// exporter turns it into <c>specs/model-card.schema.json</c>; docs/model-cards.md explains each key.
    /// </summary>
    internal static class CardGrammar
    {
        public const string IdPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
        public const string NamePattern = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";
        public const string NamespacePattern = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$";
        public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

        private static readonly ScalarRule Text = new ScalarRule(ScalarKind.String);
        private static readonly ScalarRule Integer = new ScalarRule(ScalarKind.Integer);
        private static readonly ScalarRule Number = new ScalarRule(ScalarKind.Number);
        private static readonly ScalarRule Boolean = new ScalarRule(ScalarKind.Boolean);
        private static readonly ScalarRule AnyScalar = new ScalarRule(ScalarKind.Any);
        private static readonly ScalarRule ParameterName = new ScalarRule(ScalarKind.String, "The name of a parameter of this card.", pattern: NamePattern, patternText: "a snake_case name");

        private static ScalarRule Words(string description, params string[] words) => new ScalarRule(ScalarKind.Keyword, description, words);

        private static ScalarRule Conversion(string description, params string[] words) =>
            new ScalarRule(ScalarKind.Keyword, description, words, errorId: CardError.UnknownConversion);

        private static readonly SequenceRule ParameterNames = new SequenceRule(ParameterName);

        private static readonly Rule Formats = new SequenceRule(Words("An image format.", Vocabulary.ImageFormats), "Allowed image formats.");

        private static readonly Rule Condition = MappingRule.Dictionary(
            "a condition",
            "Other parameter → the value (or list of values) it must have.",
            new OneOfRule(null, AnyScalar, new SequenceRule(AnyScalar)),
            NamePattern,
            "a snake_case parameter name");

        private static readonly Rule EnumValues = new SequenceRule(
            new OneOfRule(
                "A wire string, or a mapping that also names the C# member.",
                Text,
                MappingRule.Record(
                    "an enum value",
                    null,
                    new KeyRule("value", Text, required: true),
                    new KeyRule("name", new ScalarRule(ScalarKind.String, "The C# member name.", pattern: "^[A-Z][A-Za-z0-9_]*$", patternText: "a PascalCase C# identifier")),
                    new KeyRule("description", Text))),
            "The allowed values.");

        /// <summary>The keys every value rule may carry, on the model and (narrowed) on a provider.</summary>
        private static KeyRule[] LimitKeys() => new[]
        {
            new KeyRule("min", new ScalarRule(ScalarKind.Number, "Inclusive minimum.")),
            new KeyRule("max", new ScalarRule(ScalarKind.Number, "Inclusive maximum.")),
            new KeyRule("multiple_of", new ScalarRule(ScalarKind.Integer, "The value must be a multiple of this.")),
            new KeyRule("rounding", Words("What the provider does with a value that is not a multiple.", Vocabulary.Roundings)),
            new KeyRule("min_length", new ScalarRule(ScalarKind.Integer, "Least number of characters.")),
            new KeyRule("max_length", new ScalarRule(ScalarKind.Integer, "Most number of characters.")),
            new KeyRule("max_items", new ScalarRule(ScalarKind.Integer, "Most number of items.")),
            new KeyRule("formats", Formats),
        };

        private static KeyRule[] ParameterKeys(bool extra)
        {
            var keys = new System.Collections.Generic.List<KeyRule>
            {
                new KeyRule("type", Words("The value type.", Vocabulary.ParameterTypes), required: true),
                new KeyRule("required", Boolean),
                new KeyRule("default", AnyScalar),
                new KeyRule("description", Text),
            };
            keys.AddRange(LimitKeys());
            keys.Add(new KeyRule("values", EnumValues));
            keys.Add(new KeyRule("applies_when", Condition));
            keys.Add(new KeyRule("applies_unless", Condition));
            keys.Add(new KeyRule("secret", Boolean));
            if (extra)
            {
                keys.Add(new KeyRule("field", Text));
                keys.Add(new KeyRule("top_level", new ScalarRule(
                    ScalarKind.Boolean,
                    "Written at the top of the body, beside the provider's input object (Replicate's and core.today's 'input'), not inside it.")));
            }

            return keys.ToArray();
        }

        private static readonly Rule Parameter = MappingRule.Record("a parameter", "A model parameter and its rules.", ParameterKeys(extra: false));

        private static readonly Rule ExtraParameter = MappingRule.Record("a provider-only parameter", "A parameter only this provider has.", ParameterKeys(extra: true));

        private static readonly Rule ProviderValues = new OneOfRule(
            "The model values this provider accepts: a list, or model value → the provider's wire value (null: accepted but not sent).",
            new SequenceRule(Text),
            MappingRule.Dictionary(
                "a value map",
                null,
                new OneOfRule(
                    "The provider's wire value, or null when the value is accepted but not sent (another field implies it).",
                    new ScalarRule(ScalarKind.Null, "Accepted but not sent."),
                    Text)));

        private static Rule ParameterMapping()
        {
            var keys = new System.Collections.Generic.List<KeyRule> { new KeyRule("field", Text) };
            keys.AddRange(LimitKeys());
            keys.Add(new KeyRule("values", ProviderValues));
            keys.Add(new KeyRule("default", AnyScalar));
            keys.Add(new KeyRule("convert", Conversion("A conversion of the single value.", Vocabulary.ValueConversions)));
            keys.Add(new KeyRule("images", MappingRule.Record(
                "an image binding",
                "How the provider takes a list of images.",
                new KeyRule("shape", Words("One array field, or indexed fields.", Vocabulary.ImageShapes)),
                new KeyRule("encoding", Words("How each image is sent.", Vocabulary.ImageEncodings)))));
            return MappingRule.Record("a parameter mapping", "How this provider takes a model parameter.", keys.ToArray());
        }

        private static readonly Rule Combination = MappingRule.Record(
            "a combination",
            "Several model parameters written as other fields by a named conversion.",
            new KeyRule("convert", Conversion("The conversion.", Vocabulary.CombineConversions), required: true),
            new KeyRule("from", ParameterNames, required: true),
            new KeyRule("into", new SequenceRule(Text), required: true),
            new KeyRule("multiple_of", Integer));

        private static readonly Rule Pricing = MappingRule.Record(
            "the pricing",
            "What the provider charges, with its source and date.",
            new KeyRule("unit", Words("The billing unit.", Vocabulary.PricingUnits), required: true),
            new KeyRule("credit_usd", Number),
            new KeyRule("per_request", Number),
            new KeyRule("per_megapixel", MappingRule.Record(
                "the per-megapixel pricing",
                null,
                new KeyRule("first", Number),
                new KeyRule("additional", Number),
                new KeyRule("output", Number),
                new KeyRule("input", Number),
                new KeyRule("rounding", Words("How each image's megapixels are rounded.", Vocabulary.MegapixelRoundings)),
                new KeyRule("min_input_mp", Number),
                new KeyRule("max_mp", Number),
                new KeyRule("megapixel", Integer))),
            new KeyRule("source", Text, required: true),
            new KeyRule("as_of", new ScalarRule(ScalarKind.String, "The date the price was read.", pattern: DatePattern, patternText: "a date YYYY-MM-DD"), required: true),
            new KeyRule("verified", Boolean),
            new KeyRule("note", Text));

        private static readonly Rule Provider = MappingRule.Record(
            "a provider",
            "How one provider sells the model.",
            new KeyRule("model", Text, required: true),
            new KeyRule("edit_model", Text),
            new KeyRule("docs", Text),
            new KeyRule("parameters", MappingRule.Dictionary("the parameter mappings", null, ParameterMapping(), NamePattern, "a snake_case parameter name")),
            new KeyRule("combine", new SequenceRule(Combination)),
            new KeyRule("unsupported", ParameterNames),
            new KeyRule("on_unsupported", Words("What happens to a parameter the provider lacks.", Vocabulary.UnsupportedPolicies)),
            new KeyRule("extra", MappingRule.Dictionary("the provider-only parameters", null, ExtraParameter, NamePattern, "a snake_case name")),
            new KeyRule("image_count", MappingRule.Record(
                "the provider's image count",
                "How this provider takes the card's image_count: in its own field (native), else FluxSpecs starts that many jobs.",
                new KeyRule("field", new ScalarRule(ScalarKind.String, "The provider's field for the count (fal's num_images, Lumenfall's n); without it the count is emulated with that many jobs.")),
                new KeyRule("max", new ScalarRule(ScalarKind.Integer, "The most images one request may ask for on this provider.")))),
            new KeyRule("pricing", Pricing));

        /// <summary>The root of a card.</summary>
        public static readonly MappingRule Card = MappingRule.Record(
            "the card",
            "A FluxSpecs model card: one image model, its parameters, and the providers that sell it.",
            new KeyRule("id", new ScalarRule(ScalarKind.String, "The model id, kebab-case.", pattern: IdPattern, patternText: "a kebab-case id"), required: true),
            new KeyRule("name", Text, required: true),
            new KeyRule("vendor", Text),
            new KeyRule("description", Text),
            new KeyRule("namespace", new ScalarRule(ScalarKind.String, "The C# namespace of the generated types.", pattern: NamespacePattern, patternText: "a dotted C# namespace")),
            new KeyRule("parameters", MappingRule.Dictionary("the parameters", null, Parameter, NamePattern, "a snake_case parameter name"), required: true),
            new KeyRule("output_size", MappingRule.Record(
                "the output size rule",
                "How the parameters determine the output size, for pricing, where a provider has no size conversion of its own.",
                new KeyRule("convert", Conversion("A size conversion.", Vocabulary.CombineConversions), required: true),
                new KeyRule("from", ParameterNames, required: true),
                new KeyRule("multiple_of", Integer))),
            new KeyRule("image_count", MappingRule.Record(
                "the image count",
                "How many images one request may ask for; becomes the request's ImageCount (card name image_count).",
                new KeyRule("max", new ScalarRule(ScalarKind.Integer, "The most images one request may ask for on any provider."), required: true),
                new KeyRule("default", new ScalarRule(ScalarKind.Integer, "The count when the request sets none (1 when absent).")),
                new KeyRule("description", Text))),
            new KeyRule("providers", MappingRule.Dictionary("the providers", null, Provider)));
    }
}

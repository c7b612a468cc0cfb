using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// The closed word lists a card may use. Adding a conversion starts here. The providers are not here: they are the
    /// runtime's (<c>FluxSpecs.ProviderIds</c>, read from the compilation) and those a project lists in <c>FluxSpecsProviders</c>.
    /// </summary>
    internal static class Vocabulary
    {

        public static readonly string[] ParameterTypes = { "string", "integer", "number", "boolean", "enum", "enum_list", "image_list" };

        /// <summary>Conversions of one value (<c>parameters.x.convert</c>).</summary>
        public static readonly string[] ValueConversions = CardVocabulary.ValueConversions.Words;

        /// <summary>Conversions of several parameters into other fields (<c>combine[].convert</c>).</summary>
        public static readonly string[] CombineConversions = CardVocabulary.CombineConversions.Words;

        public static readonly string[] Roundings = CardVocabulary.Roundings.Words;

        public static readonly string[] ImageFormats = { "jpeg", "png", "gif", "webp", "avif" };

        public static readonly string[] ImageShapes = CardVocabulary.ImageShapes.Words;

        public static readonly string[] ImageEncodings = CardVocabulary.ImageEncodings.Words;

        public static readonly string[] UnsupportedPolicies = { "error", "drop" };

        public static readonly string[] PricingUnits = CardVocabulary.PricingUnits.Words;

        public static readonly string[] MegapixelRoundings = CardVocabulary.MegapixelRoundings.Words;
    }
}

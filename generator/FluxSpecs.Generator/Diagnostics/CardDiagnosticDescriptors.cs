using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Diagnostics
{
    /// <summary>The card errors (FSPEC0xxx). The first message argument is always the card's file name.</summary>
    internal static class CardDiagnosticDescriptors
    {
        private const string Category = "FluxSpecs.Cards";
        // Relative to the repository and to the package readme; docs/diagnostics.md has one section per id.
        private const string HelpBase = "docs/diagnostics.md#";

        public static readonly DiagnosticDescriptor MalformedYaml = Error(
            CardErrorIds.MalformedYaml, "Malformed YAML", "{0}: the YAML is malformed: {1}");

        public static readonly DiagnosticDescriptor UnknownKey = Error(
            CardErrorIds.UnknownKey, "Unknown key in a model card", "{0}: unknown key '{1}' in {2}; expected one of: {3}");

        public static readonly DiagnosticDescriptor WrongType = Error(
            CardErrorIds.WrongType, "Wrong value type in a model card", "{0}: {1} must be {2}, but is '{3}'");

        public static readonly DiagnosticDescriptor MissingKey = Error(
            CardErrorIds.MissingKey, "Missing key in a model card", "{0}: {1} is missing the key '{2}'");

        public static readonly DiagnosticDescriptor InvalidRange = Error(
            CardErrorIds.InvalidRange, "Minimum greater than maximum", "{0}: {1} has a minimum of {2}, greater than its maximum of {3}");

        public static readonly DiagnosticDescriptor InvalidDefault = Error(
            CardErrorIds.InvalidDefault, "Default breaks its parameter's rules", "{0}: the default '{2}' of {1} is invalid: {3}");

        public static readonly DiagnosticDescriptor DuplicateName = Error(
            CardErrorIds.DuplicateName, "Duplicate name in a model card", "{0}: {1} '{2}' is defined more than once");

        public static readonly DiagnosticDescriptor UnknownParameter = Error(
            CardErrorIds.UnknownParameter, "Reference to an unknown parameter", "{0}: {1} refers to '{2}', which is not a parameter of this card");

        public static readonly DiagnosticDescriptor UnknownProvider = Error(
            CardErrorIds.UnknownProvider, "Unknown provider", "{0}: unknown provider '{1}'; known providers: {2}");

        public static readonly DiagnosticDescriptor UnknownConversion = Error(
            CardErrorIds.UnknownConversion, "Unknown conversion", "{0}: unknown conversion '{3}' in {1}; expected {2}");

        public static readonly DiagnosticDescriptor DuplicateCardId = Error(
            CardErrorIds.DuplicateCardId, "Two cards with one id", "{0}: the model id '{1}' (C# name '{2}') is also used by {3}");

        public static readonly DiagnosticDescriptor InvalidValue = Error(
            CardErrorIds.InvalidValue, "Invalid value in a model card", "{0}: '{2}' in {1} is invalid: {3}");

        public static readonly DiagnosticDescriptor ProviderLimitOutsideModel = Error(
            CardErrorIds.ProviderLimitOutsideModel, "Provider limit outside the model's", "{0}: provider '{1}' sets {2} on '{3}', outside {4}; a provider may only narrow the model's rules");

        public static readonly DiagnosticDescriptor CardTooComplex = Error(
            CardErrorIds.CardTooComplex, "Model card too complex", "{0}: {1}; it was not read");

        public static readonly DiagnosticDescriptor CardUnreadable = Error(
            CardErrorIds.CardUnreadable, "Model card could not be read", "{0}: the generator could not read this card ({1}); please report this");

        public static DiagnosticDescriptor For(CardError error) => error switch
        {
            CardError.MalformedYaml => MalformedYaml,
            CardError.UnknownKey => UnknownKey,
            CardError.WrongType => WrongType,
            CardError.MissingKey => MissingKey,
            CardError.InvalidRange => InvalidRange,
            CardError.InvalidDefault => InvalidDefault,
            CardError.DuplicateName => DuplicateName,
            CardError.UnknownParameter => UnknownParameter,
            CardError.UnknownProvider => UnknownProvider,
            CardError.UnknownConversion => UnknownConversion,
            CardError.DuplicateCardId => DuplicateCardId,
            CardError.InvalidValue => InvalidValue,
            CardError.ProviderLimitOutsideModel => ProviderLimitOutsideModel,
            CardError.CardTooComplex => CardTooComplex,
            CardError.CardUnreadable => CardUnreadable,
            _ => CardUnreadable,
        };

        private static DiagnosticDescriptor Error(string id, string title, string message) => new DiagnosticDescriptor(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpBase + id.ToLowerInvariant());
    }
}

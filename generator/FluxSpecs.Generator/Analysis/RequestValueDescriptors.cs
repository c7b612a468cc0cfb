using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// Request-value diagnostics. Every message reads "{model}: {parameter} is {value}, but must be {rule}". Hard rules are
    /// errors and applicability a warning; both can be changed per id in .editorconfig.
    /// </summary>
    internal static class RequestValueDescriptors
    {
        private const string Category = "FluxSpecs.Requests";
        private const string HelpBase = "docs/diagnostics.md#";
        private const string Message = "{0}: {1} is {2}, but must be {3}";

        public static readonly DiagnosticDescriptor OutOfRange = Create(RequestValueIds.OutOfRange, "Request value out of range", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NotAMultiple = Create(RequestValueIds.NotAMultiple, "Request value is not a multiple of the step", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor BadLength = Create(RequestValueIds.BadLength, "Request string too short or too long", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor TooManyItems = Create(RequestValueIds.TooManyItems, "Too many items in a request list", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NotApplicable = Create(RequestValueIds.NotApplicable, "Request value set where it does not apply", DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor ProviderRule = Create(RequestValueIds.ProviderRule, "Request value breaks a provider's rule", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor PixelBudget = Create(RequestValueIds.PixelBudget, "Request size over the pixel budget", DiagnosticSeverity.Error);

        public static DiagnosticDescriptor Find(string id) => id switch
        {
            RequestValueIds.PixelBudget => PixelBudget,
            RequestValueIds.OutOfRange => OutOfRange,
            RequestValueIds.NotAMultiple => NotAMultiple,
            RequestValueIds.BadLength => BadLength,
            RequestValueIds.TooManyItems => TooManyItems,
            RequestValueIds.NotApplicable => NotApplicable,
            _ => ProviderRule,
        };

        private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity) => new DiagnosticDescriptor(
            id,
            title,
            Message,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: HelpBase + id.ToLowerInvariant());
    }
}

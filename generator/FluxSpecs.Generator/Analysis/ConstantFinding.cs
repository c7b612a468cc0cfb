using System.Collections.Immutable;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>A constant request value that breaks a card rule, with the replacements a code fix can offer.</summary>
    /// <param name="DiagnosticId">Which FSPEC1xxx rule.</param>
    /// <param name="Arguments">The message arguments after the model id.</param>
    /// <param name="Replacements">Values that would satisfy the rule (nearest first), as C# literals.</param>
    internal sealed record ConstantFinding(string DiagnosticId, ImmutableArray<string> Arguments, ImmutableArray<string> Replacements);
}

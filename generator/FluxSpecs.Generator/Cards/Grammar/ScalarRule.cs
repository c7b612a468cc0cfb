using System.Collections.Generic;
using FluxSpecs.Generator.Diagnostics;

namespace FluxSpecs.Generator.Cards.Grammar
{
    /// <summary>A scalar of one kind, optionally restricted to a list of words or a regular expression.</summary>
    internal sealed class ScalarRule : Rule
    {
        public ScalarRule(
            ScalarKind kind,
            string? description = null,
            IReadOnlyList<string>? words = null,
            string? pattern = null,
            string? patternText = null,
            CardError errorId = CardError.WrongType)
            : base(Describe(kind, words, patternText), description)
        {
            Kind = kind;
            Words = words ?? new string[0];
            Pattern = pattern;
            ErrorId = errorId;
        }

        /// <summary>
        /// The diagnostic for a value this rule rejects: a wrong type by default, or a more telling id where the
        /// word list is a vocabulary of its own (an unknown conversion).
        /// </summary>
        public CardError ErrorId { get; }

        public ScalarKind Kind { get; }

        public IReadOnlyList<string> Words { get; }

        /// <summary>An anchored regular expression a string must match, or null.</summary>
        public string? Pattern { get; }

        private static string Describe(ScalarKind kind, IReadOnlyList<string>? words, string? patternText) => kind switch
        {
            ScalarKind.Keyword => "one of: " + string.Join(", ", words ?? new string[0]),
            ScalarKind.Integer => "an integer",
            ScalarKind.Number => "a number",
            ScalarKind.Boolean => "true or false",
            ScalarKind.String => patternText ?? "a string",
            ScalarKind.Null => "null",
            _ => "a scalar value",
        };
    }
}

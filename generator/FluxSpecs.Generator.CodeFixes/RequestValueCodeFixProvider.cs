using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace FluxSpecs.Generator.CodeFixes
{
    /// <summary>
    /// Fixes for request-value diagnostics: use a valid value the analyzer proposes (the nearest multiple, the bound of the
    /// range), or set the parameter a value depends on (<c>AspectRatio = Flux2ProAspectRatio.Custom</c> where width/height are given).
    /// </summary>
    /// <remarks>
    /// The analyzer puts what to write in the diagnostic's properties, so this assembly knows no card rules of its own.
    /// Property names must match <c>RequestValueAnalyzer</c>'s constants.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequestValueCodeFixProvider))]
    public sealed class RequestValueCodeFixProvider : CodeFixProvider
    {
        private const string ReplacementsProperty = "fluxspecs.replacements";
        private const string SetPropertyProperty = "fluxspecs.setProperty";
        private const string SetValueProperty = "fluxspecs.setValue";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create("FSPEC1001", "FSPEC1002", "FSPEC1005", "FSPEC1006");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
                {
                    continue;
                }

                if (diagnostic.Properties.TryGetValue(ReplacementsProperty, out var replacements) && replacements is not null)
                {
                    foreach (var replacement in replacements.Split('|'))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Use " + replacement,
                                cancellationToken => Replace(context.Document, root, value, replacement),
                                equivalenceKey: diagnostic.Id + ".Use." + replacement),
                            diagnostic);
                    }
                }

                if (diagnostic.Properties.TryGetValue(SetPropertyProperty, out var property) && property is not null
                    && diagnostic.Properties.TryGetValue(SetValueProperty, out var member) && member is not null
                    && value.FirstAncestorOrSelf<InitializerExpressionSyntax>() is { } initializer)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Set " + property + " to " + member.Substring(member.LastIndexOf('.') + 1),
                            cancellationToken => Set(context.Document, root, initializer, property, member),
                            equivalenceKey: diagnostic.Id + ".Set." + property),
                        diagnostic);
                }
            }
        }

        private static Task<Document> Replace(Document document, SyntaxNode root, ExpressionSyntax value, string replacement) =>
            Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(value, SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(value))));

        /// <summary>Sets <paramref name="property"/> in the initializer: replaces its value, or adds the assignment.</summary>
        private static Task<Document> Set(Document document, SyntaxNode root, InitializerExpressionSyntax initializer, string property, string member)
        {
            var value = SyntaxFactory.ParseExpression(member).WithAdditionalAnnotations(Simplifier.Annotation);
            var existing = initializer.Expressions
                .OfType<AssignmentExpressionSyntax>()
                .FirstOrDefault(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == property);
            var updated = existing is not null
                ? initializer.ReplaceNode(existing.Right, value.WithTriviaFrom(existing.Right))
                : Append(initializer, SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value));
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(initializer, updated)));
        }

        /// <summary>
        /// Adds <paramref name="assignment"/> after the last one in the initializer's own layout: the comma and indentation
        /// its other entries use, and what followed the last value (the space or line break before the closing brace).
        /// </summary>
        private static InitializerExpressionSyntax Append(InitializerExpressionSyntax initializer, ExpressionSyntax assignment)
        {
            var expressions = initializer.Expressions;
            if (expressions.Count == 0 || expressions.SeparatorCount == expressions.Count)
            {
                return initializer.AddExpressions(assignment);
            }

            var last = expressions[expressions.Count - 1];
            var comma = expressions.SeparatorCount > 0
                ? expressions.GetSeparator(expressions.SeparatorCount - 1)
                : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
            var entries = expressions.GetWithSeparators()
                .Replace(last, last.WithoutTrailingTrivia())
                .Add(comma)
                .Add(assignment.WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia(last.GetTrailingTrivia()));
            return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(entries));
        }
    }
}

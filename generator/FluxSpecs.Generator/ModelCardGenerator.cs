using System;
using System.Collections.Immutable;
using System.Linq;
using FluxSpecs.Generator.Cards;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Emit;
using FluxSpecs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FluxSpecs.Generator
{
    /// <summary>
    /// Compiles every <c>*.model.yaml</c> AdditionalFile into a request type, its validation, its provider mappers and a
    /// catalog entry.
    /// </summary>
    /// <remarks>
    /// One pipeline branch per card file: cards are parsed before anything is collected, so editing one card re-parses
    /// only that card, and a C# edit re-runs nothing but the cheap settings step. Only card identities (id and C# name)
    /// are collected, to find two cards that claim the same names.
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelCardGenerator : IIncrementalGenerator
    {
        public const string CardSuffix = ".model.yaml";

        /// <summary>One file per emitter for each card, named after the card's namespace and C# name (see <see cref="HintPrefix"/>).</summary>
        private static readonly (string Suffix, Func<EmitSpec, string> Emit)[] CardEmitters =
        {
            (".Request.g.cs", RequestEmitter.Emit),
            (".Validation.g.cs", ValidationEmitter.Emit),
            (".Mapping.g.cs", MapperEmitter.Emit),
            (".Pricing.g.cs", PricingEmitter.Emit),
            (".Client.g.cs", ClientEmitter.Emit),
            (".Model.g.cs", DescriptorEmitter.Emit),
        };

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var settings = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => ReadSettings(options.GlobalOptions))
                .WithTrackingName(GeneratorStepNames.Settings);

            // The providers a card may name: the runtime's own (the constants of FluxSpecs.ProviderIds, beside its
            // ProviderRegistry, read from the compilation's reference, so the generator itself names no provider) and
            // those the project lists in FluxSpecsProviders. Only these ids reach the parse, so a C# edit or a changed
            // namespace does not re-parse every card.
            var providerIds = context.CompilationProvider
                .Select(static (compilation, _) => BuiltInProviderIds(compilation))
                .Combine(settings)
                .Select(static (input, _) => input.Left.Concat(input.Right.ExtraProviderIds).Distinct().ToEquatableArray())
                .WithTrackingName(GeneratorStepNames.ProviderIds);
            var cards = context.AdditionalTextsProvider
                .Where(static file => file.Path.EndsWith(CardSuffix, StringComparison.OrdinalIgnoreCase))
                .WithTrackingName(GeneratorStepNames.CardFiles)
                .Combine(providerIds)
                .Select(static (input, cancellationToken) =>
                    CardParser.Parse(input.Left.Path, input.Left.GetText(cancellationToken)?.ToString() ?? string.Empty, cancellationToken, input.Right))
                .WithTrackingName(GeneratorStepNames.ParsedCards);

            var identities = cards
                .Select(static (card, _) => card.Card is { } c ? new CardIdentity(c.Id, c.TypePrefix, card.FilePath) : null)
                .Where(static identity => identity is not null)
                .Collect()
                .Select(static (all, _) => all.Select(identity => identity!).ToEquatableArray())
                .WithTrackingName(GeneratorStepNames.CardIdentities);

            var checkedCards = cards
                .Combine(identities)
                .Combine(settings)
                .Select(static (input, _) => Check(input.Left.Left, input.Left.Right, input.Right))
                .WithTrackingName(GeneratorStepNames.CheckedCards);

            // Diagnostics and source are separate outputs, so a moved error position does not re-emit code.
            var diagnostics = checkedCards
                .Select(static (card, _) => card.Diagnostics)
                .WithTrackingName(GeneratorStepNames.CardDiagnostics);
            context.RegisterSourceOutput(diagnostics, static (production, items) =>
            {
                foreach (var item in items)
                {
                    production.ReportDiagnostic(ToDiagnostic(item));
                }
            });

            var emitSpecs = checkedCards
                .Select(static (card, _) => card.Emit)
                .WithTrackingName(GeneratorStepNames.EmitSpecs);
            context.RegisterSourceOutput(emitSpecs, static (production, spec) =>
            {
                if (spec is null)
                {
                    return;
                }

                var prefix = HintPrefix(spec);
                var files = new System.Collections.Generic.List<(string HintName, string Text)>();
                try
                {
                    foreach (var (suffix, emit) in CardEmitters)
                    {
                        files.Add((prefix + suffix, emit(spec)));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // An emitter bug must not become CS8785 and take the user's whole build down: report it on the card.
                    production.ReportDiagnostic(Diagnostic.Create(
                        CardDiagnosticDescriptors.CardUnreadable,
                        Location.Create(spec.FilePath, default, default),
                        System.IO.Path.GetFileName(spec.FilePath),
                        e.GetType().Name + ": " + e.Message));
                    return;
                }

                foreach (var (hintName, text) in files)
                {
                    production.AddSource(hintName, SourceText.From(text, System.Text.Encoding.UTF8));
                }
            });

            var catalog = emitSpecs
                .Select(static (spec, _) => spec is null ? null : new CatalogEntry(spec.Card.Id, spec.Namespace, spec.ModelTypeName))
                .Where(static entry => entry is not null)
                .Collect()
                .Select(static (entries, _) => entries.Select(e => e!).OrderBy(e => e.Id, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(GeneratorStepNames.CatalogEntries)
                .Combine(settings);
            context.RegisterSourceOutput(catalog, static (production, input) =>
            {
                production.AddSource("ModelCatalog.g.cs", SourceText.From(CatalogEmitter.Emit(input.Right.RootNamespace, input.Left), System.Text.Encoding.UTF8));
            });
        }

        /// <summary>
        /// The card's namespace, ending in its C# name: <c>FluxSpecs.Models.Flux2Pro</c>, or <c>MyApp.Models.Flux2Pro</c>
        /// for a card that names the namespace <c>MyApp.Models</c>.
        /// </summary>
        /// <remarks>
        /// Ending every prefix in the C# name keeps hint names unique without forbidding cards to share a namespace: two
        /// prefixes could only be equal for two cards with one C# name, which <see cref="Check"/> already rejects.
        /// </remarks>
        private static string HintPrefix(EmitSpec spec)
        {
            var name = spec.Card.TypePrefix;
            return spec.Namespace == name || spec.Namespace.EndsWith("." + name, StringComparison.Ordinal)
                ? spec.Namespace
                : spec.Namespace + "." + name;
        }

        /// <summary>The runtime's provider ids: the string constants of <c>FluxSpecs.ProviderIds</c> but the emulator's <c>local</c>.</summary>
        private static EquatableArray<string> BuiltInProviderIds(Compilation compilation) =>
            compilation.GetTypeByMetadataName("FluxSpecs.ProviderIds") is { } type
                ? type.GetMembers().OfType<IFieldSymbol>()
                    .Where(field => field.IsConst && field.Name != "Local")
                    .Select(field => field.ConstantValue as string)
                    .OfType<string>()
                    .ToEquatableArray()
                : EquatableArray<string>.Empty;

        private static GeneratorSettings ReadSettings(AnalyzerConfigOptions options)
        {
            var rootNamespace =
                options.TryGetValue("build_property.FluxSpecsNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
                : options.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root.Trim()
                : GeneratorSettings.FallbackNamespace;
            var providerIds = options.TryGetValue("build_property.FluxSpecsProviders", out var providers) && providers is not null
                ? providers.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(id => id.Trim()).Where(id => id.Length > 0).Distinct().OrderBy(id => id, StringComparer.Ordinal)
                : Enumerable.Empty<string>();
            return new GeneratorSettings(rootNamespace, providerIds.ToEquatableArray());
        }

        /// <summary>The checks that need every card: two cards may not share an id or a C# name.</summary>
        private static CheckedCard Check(ParsedCard parsed, EquatableArray<CardIdentity> identities, GeneratorSettings settings)
        {
            if (parsed.Card is not { } card)
            {
                return new CheckedCard(null, parsed.Diagnostics);
            }

            var other = identities.FirstOrDefault(i => i.FilePath != parsed.FilePath && (i.Id == card.Id || i.TypePrefix == card.TypePrefix));
            if (other is not null)
            {
                var diagnostic = new CardDiagnostic(
                    CardError.DuplicateCardId,
                    parsed.FilePath,
                    parsed.IdSpan,
                    new EquatableArray<string>(new[] { System.IO.Path.GetFileName(parsed.FilePath), card.Id, card.TypePrefix, System.IO.Path.GetFileName(other.FilePath) }));
                return new CheckedCard(null, parsed.Diagnostics.Concat(new[] { diagnostic }).ToEquatableArray());
            }

            var ns = card.Namespace ?? settings.RootNamespace + "." + card.TypePrefix;
            return new CheckedCard(new EmitSpec(card, ns, parsed.FilePath), parsed.Diagnostics);
        }

        private static Diagnostic ToDiagnostic(CardDiagnostic item)
        {
            var span = item.Span;
            var location = Location.Create(
                item.FilePath,
                new TextSpan(span.Start, span.Length),
                new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
            var descriptor = CardDiagnosticDescriptors.For(item.Error);
            return Diagnostic.Create(descriptor, location, item.Arguments.Cast<object>().ToArray());
        }
    }
}

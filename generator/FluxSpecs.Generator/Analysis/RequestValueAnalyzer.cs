using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FluxSpecs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// Reports constant request values that break their card's rules (FSPEC1xxx): in object initializers, <c>with</c>
    /// expressions and property assignments, of a request and of a provider-options record (<c>Fal = new …FalOptions
    /// { … }</c>, checked against its own limits); and, when the provider id is a constant at a call marked with
    /// <c>[ProviderId]</c>, against that provider's narrower rules. It reads the rules from the attributes the generator
    /// puts on the request type and its properties (<c>FluxSpecs.GeneratedCode</c>), so it sees the same rules whether
    /// the card is in this project or compiled into a referenced assembly. Values it cannot know at compile time are never
    /// reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RequestValueAnalyzer : DiagnosticAnalyzer
    {
        public const string ReplacementsProperty = "fluxspecs.replacements";
        public const string SetPropertyProperty = "fluxspecs.setProperty";
        public const string SetValueProperty = "fluxspecs.setValue";

        private const string ProviderIdAttribute = "FluxSpecs.ProviderIdAttribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RequestValueDescriptors.OutOfRange,
            RequestValueDescriptors.NotAMultiple,
            RequestValueDescriptors.BadLength,
            RequestValueDescriptors.TooManyItems,
            RequestValueDescriptors.NotApplicable,
            RequestValueDescriptors.ProviderRule,
            RequestValueDescriptors.PixelBudget);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var cards = new RequestCards();
                start.RegisterOperationAction(c => AnalyzeCreation(c, cards), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeWith(c, cards), OperationKind.With);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, cards), OperationKind.SimpleAssignment);
                if (start.Compilation.GetTypeByMetadataName(ProviderIdAttribute) is { } providerAttribute)
                {
                    start.RegisterOperationAction(c => AnalyzeProviderCall(c, cards, providerAttribute), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, RequestCards cards)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Initializer is { } initializer && cards.Find(creation.Type) is { } card)
            {
                var values = RequestInitializer.Read(initializer, card);
                ReportModelRules(context, card, values);
                ReportApplicability(context, card, values, creation, unsetMeansDefault: true);
                ReportPixelBudget(context, card, values, provider: null);
            }
        }

        private static void AnalyzeWith(OperationAnalysisContext context, RequestCards cards)
        {
            var with = (IWithOperation)context.Operation;
            if (cards.Find(with.Type) is { } card)
            {
                var values = RequestInitializer.Read(with.Initializer, card);
                ReportModelRules(context, card, values);
                ReportPixelBudget(context, card, values, provider: null);

                // What a `with` leaves unset is copied from an instance the analyzer cannot see.
                ReportApplicability(context, card, values, with, unsetMeansDefault: false);
            }
        }

        /// <summary><c>request.Width = 1000;</c> outside an initializer: the value alone breaks the rule, whatever the request.</summary>
        private static void AnalyzeAssignment(OperationAnalysisContext context, RequestCards cards)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Parent is IObjectOrCollectionInitializerOperation
                || assignment.Target is not IPropertyReferenceOperation { Property: var property }
                || cards.Find(property.ContainingType) is not { } card)
            {
                return;
            }

            var parameter = card.Find(property.Name);
            if (parameter is not null && KnownValues.Of(assignment.Value, parameter) is { } known)
            {
                Report(context, card, ConstantRules.Check(parameter, parameter.Limits, known, provider: null), assignment.Value);
            }
        }

        /// <summary>A call such as <c>request.Validate("magnific")</c>: the request built right there meets that provider's rules.</summary>
        private static void AnalyzeProviderCall(OperationAnalysisContext context, RequestCards cards, INamedTypeSymbol providerAttribute)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var providerArgument = invocation.Arguments.FirstOrDefault(a =>
                a.Parameter is { } p && p.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, providerAttribute)));
            if (providerArgument?.Value.ConstantValue is not { HasValue: true, Value: string providerId })
            {
                return;
            }

            var requestOperation = new[] { invocation.Instance }.Concat(invocation.Arguments.Select(a => a.Value))
                .FirstOrDefault(o => o is not null && cards.Find(KnownValues.Unwrap(o).Type) is { OptionsOf: null });
            if (requestOperation is null
                || cards.Find(KnownValues.Unwrap(requestOperation).Type) is not { } card
                || RequestOrigin.Creation(requestOperation) is not { Initializer: { } initializer })
            {
                return;
            }

            if (!card.Providers.Contains(providerId))
            {
                if (providerId != "local")
                {
                    var offered = string.Join(", ", card.Providers.Concat(new[] { "local" }));
                    Report(context, card, new[] { new ConstantFinding(RequestValueIds.ProviderRule, ImmutableArray.Create("the provider", providerId, "one that offers " + card.ModelId + ": " + offered), ImmutableArray<string>.Empty) }, providerArgument.Value);
                }

                return;
            }

            var values = RequestInitializer.Read(initializer, card);
            foreach (var (parameter, value, known) in values)
            {
                var findings = (parameter.ProviderLimits.TryGetValue(providerId, out var limits) ? ConstantRules.Check(parameter, limits, known, providerId) : Enumerable.Empty<ConstantFinding>())
                    .Concat(ConstantRules.CheckProviderOnly(parameter, providerId, known));
                Report(context, card, findings, value);
            }

            ReportPixelBudget(context, card, values, providerId);
        }

        /// <summary>
        /// Width and height both constant and their product over the card's pixel budget: the model's (reported where the
        /// request is built), or with <paramref name="provider"/>, that provider's narrower one (at the call naming it).
        /// Reported at the second of the two values.
        /// </summary>
        private static void ReportPixelBudget(OperationAnalysisContext context, RequestRules card, IReadOnlyList<(ParameterRules Parameter, IOperation Value, KnownValue Known)> values, string? provider)
        {
            foreach (var (owner, budget) in card.PixelBudgets.Where(b => b.Provider == provider))
            {
                int widthAt = -1, heightAt = -1;
                for (var i = 0; i < values.Count; i++)
                {
                    widthAt = values[i].Parameter.Name == budget.Width ? i : widthAt;
                    heightAt = values[i].Parameter.Name == budget.Height ? i : heightAt;
                }

                if (widthAt < 0 || heightAt < 0 || values[widthAt].Known.Value is not long w || values[heightAt].Known.Value is not long h
                    || (decimal)w * h <= budget.MaxPixels)
                {
                    continue;
                }

                var at = values[System.Math.Max(widthAt, heightAt)].Value;
                var rule = "at most " + budget.MaxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture) + " pixels (the card's pixel budget" + (owner is null ? ")" : " on " + owner + ")");
                context.ReportDiagnostic(Diagnostic.Create(
                    owner is null ? RequestValueDescriptors.PixelBudget : RequestValueDescriptors.ProviderRule,
                    at.Syntax.GetLocation(),
                    card.ModelId,
                    budget.Width + " × " + budget.Height,
                    FormattableString(w) + " × " + FormattableString(h) + " = " + ((decimal)w * h).ToString(System.Globalization.CultureInfo.InvariantCulture) + " pixels",
                    rule));
            }
        }

        private static string FormattableString(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static void ReportModelRules(OperationAnalysisContext context, RequestRules card, IReadOnlyList<(ParameterRules Parameter, IOperation Value, KnownValue Known)> values)
        {
            foreach (var (parameter, value, known) in values)
            {
                Report(context, card, ConstantRules.Check(parameter, parameter.Limits, known, provider: null), value);
            }
        }

        /// <summary>
        /// Width and height set while aspect_ratio is something other than custom in the same initializer (or, in a
        /// new request, left at a default that is not custom), unless a later write to the request's local may change it.
        /// </summary>
        private static void ReportApplicability(
            OperationAnalysisContext context,
            RequestRules card,
            IReadOnlyList<(ParameterRules Parameter, IOperation Value, KnownValue Known)> values,
            IOperation request,
            bool unsetMeansDefault)
        {
            foreach (var (parameter, value, known) in values.Where(v => v.Parameter.Applicability is not null))
            {
                var condition = parameter.Applicability!;
                if (card.Named(condition.Parameter) is not { } other)
                {
                    continue;
                }

                var given = values.FirstOrDefault(v => v.Parameter.Name == other.Name);
                string? conditionValue;
                if (given.Parameter is not null)
                {
                    conditionValue = given.Known.Value as string;
                }
                else if (unsetMeansDefault)
                {
                    conditionValue = other.Default;
                }
                else
                {
                    continue;
                }

                var matches = conditionValue is not null && condition.Values.Contains(conditionValue);
                if (matches != condition.Negated)
                {
                    continue;
                }

                // `var r = new ... { Width = 1024 }; r.AspectRatio = Flux2ProAspectRatio.Custom;`: a later write may change
                // aspect_ratio before the request is used, and the analyzer does not follow the flow to see what it sets,
                // so the value is unknown and nothing is reported.
                if (RequestOrigin.IsWrittenLater(request, other.PropertyName))
                {
                    continue;
                }

                var shown = conditionValue ?? "not set";
                var rule = "left unset while " + other.Name + " is " + shown + " (it " + (condition.Negated ? "does not apply when " : "only applies when ")
                    + other.Name + " is " + string.Join(" or ", condition.Values) + ")";
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (!condition.Negated && condition.Values.Count == 1 && other.Kind == ParameterKind.Enum
                    && request.Type!.GetMembers(other.PropertyName).OfType<IPropertySymbol>().FirstOrDefault() is { } property
                    && other.Values.FirstOrDefault(v => v.Value == condition.Values[0]) is { } member)
                {
                    var enumType = property.Type is INamedTypeSymbol { IsGenericType: true } nullable ? nullable.TypeArguments[0] : property.Type;
                    properties = properties
                        .Add(SetPropertyProperty, other.PropertyName)
                        .Add(SetValueProperty, enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.MemberName);
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    RequestValueDescriptors.NotApplicable,
                    value.Syntax.GetLocation(),
                    properties,
                    card.ModelId,
                    parameter.Name,
                    ConstantRules.Show(known),
                    rule));
            }
        }

        private static void Report(OperationAnalysisContext context, RequestRules card, IEnumerable<ConstantFinding> findings, IOperation value)
        {
            foreach (var finding in findings)
            {
                var properties = finding.Replacements.IsEmpty
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(ReplacementsProperty, string.Join("|", finding.Replacements));
                context.ReportDiagnostic(Diagnostic.Create(
                    RequestValueDescriptors.Find(finding.DiagnosticId),
                    value.Syntax.GetLocation(),
                    properties,
                    new object[] { card.ModelId }.Concat(finding.Arguments).ToArray()));
            }
        }

        /// <summary>
        /// Request types of this compilation and its references with their rules, read once per type and compilation (a
        /// type's attributes do not change within one compilation).
        /// </summary>
        private sealed class RequestCards
        {
            private readonly ConcurrentDictionary<ITypeSymbol, RequestRules?> _rules = new ConcurrentDictionary<ITypeSymbol, RequestRules?>(SymbolEqualityComparer.Default);

            public RequestRules? Find(ITypeSymbol? type) => type is INamedTypeSymbol { TypeKind: TypeKind.Class } named ? _rules.GetOrAdd(named, t => RuleReader.Read((INamedTypeSymbol)t)) : null;
        }
    }
}

using System.Reflection;
using FluxSpecs.Generator.Cards;
using FluxSpecs.Generator.Model;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FluxSpecs.Generator.Tests.Incremental;

/// <summary>What flows through the pipeline compares by value and holds nothing of Roslyn's.</summary>
public sealed class PipelineModelTests
{
    [Fact]
    public void Parsing_the_same_card_twice_gives_equal_values()
    {
        var card = GeneratorHarness.ShippedCards()[0];
        var first = CardParser.Parse(card.Path, card.GetText()!.ToString(), providerIds: GeneratorHarness.ProviderIds);
        var second = CardParser.Parse(card.Path, card.GetText()!.ToString(), providerIds: GeneratorHarness.ProviderIds);

        Assert.NotNull(first.Card);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void A_changed_card_gives_an_unequal_value()
    {
        var card = GeneratorHarness.ShippedCards()[0];
        var text = card.GetText()!.ToString();
        var first = CardParser.Parse(card.Path, text, providerIds: GeneratorHarness.ProviderIds);
        var second = CardParser.Parse(card.Path, text.Replace("max: 100", "max: 99", StringComparison.Ordinal), providerIds: GeneratorHarness.ProviderIds);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void The_pipeline_model_holds_no_symbols_syntax_locations_or_compilations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SyntaxTree), typeof(Diagnostic) };
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(ParsedCard), typeof(CheckedCard), typeof(CardIdentity), typeof(CatalogEntry), typeof(GeneratorSettings)]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
            foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                foreach (var candidate in Unwrap(member.PropertyType))
                {
                    if (candidate.Namespace?.StartsWith("FluxSpecs", StringComparison.Ordinal) == true || forbidden.Any(f => f.IsAssignableFrom(candidate)))
                    {
                        pending.Push(candidate);
                    }
                }
            }
        }

        Assert.Contains(typeof(ModelCard), seen);
        Assert.Contains(typeof(PricingSpec), seen);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                yield return argument;
            }
        }
    }
}

namespace FluxSpecs.Tests.Validation;

/// <summary>What a provider does with a value off its step, as <see cref="RoundingRules"/> computes it.</summary>
public sealed class RoundingRulesTests
{
    [Theory]
    [InlineData(1000, 32, 992)]
    [InlineData(1010, 32, 1024)]
    [InlineData(999, 16, 992)]
    [InlineData(1001, 16, 1008)]
    [InlineData(1, 16, 0)]
    public void Nearest_rounds_to_the_closer_multiple(long value, long step, long expected)
    {
        Assert.Equal(expected, RoundingRules.Round(value, step, Rounding.Nearest));
    }

    [Theory]
    [InlineData(1000, 16, 1008)]
    [InlineData(8, 16, 16)]
    [InlineData(1008, 32, 1024)]
    public void Nearest_rounds_a_positive_half_away_from_zero(long value, long step, long expected)
    {
        Assert.Equal(expected, RoundingRules.Round(value, step, Rounding.Nearest));
    }

    [Theory]
    [InlineData(1000, 32, 992)]
    [InlineData(1023, 32, 992)]
    [InlineData(31, 32, 0)]
    public void Down_rounds_to_the_multiple_below(long value, long step, long expected)
    {
        Assert.Equal(expected, RoundingRules.Round(value, step, Rounding.Down));
    }

    [Theory]
    [InlineData(1000, 32, 1024)]
    [InlineData(993, 32, 1024)]
    [InlineData(1, 32, 32)]
    public void Up_rounds_to_the_multiple_above(long value, long step, long expected)
    {
        Assert.Equal(expected, RoundingRules.Round(value, step, Rounding.Up));
    }

    [Theory]
    [InlineData(Rounding.Nearest)]
    [InlineData(Rounding.Down)]
    [InlineData(Rounding.Up)]
    public void An_exact_multiple_is_kept(Rounding rounding)
    {
        Assert.Equal(1024, RoundingRules.Round(1024, 32, rounding));
        Assert.Equal(0, RoundingRules.Round(0, 32, rounding));
        Assert.Equal(-64, RoundingRules.Round(-64, 32, rounding));
    }

    [Theory]
    [InlineData(-10, Rounding.Down, -16)]
    [InlineData(-10, Rounding.Up, 0)]
    [InlineData(-10, Rounding.Nearest, -16)]
    [InlineData(-4, Rounding.Nearest, 0)]
    [InlineData(-20, Rounding.Nearest, -16)]
    [InlineData(-17, Rounding.Down, -32)]
    [InlineData(-17, Rounding.Up, -16)]
    public void Negative_values_round_on_the_same_grid(long value, Rounding rounding, long expected)
    {
        Assert.Equal(expected, RoundingRules.Round(value, 16, rounding));
    }

    [Theory]
    [InlineData(-8, -16)]
    [InlineData(-24, -32)]
    public void Nearest_rounds_a_negative_half_away_from_zero(long value, long expected)
    {
        // Rounding.Nearest is documented as "halves away from zero".
        Assert.Equal(expected, RoundingRules.Round(value, 16, Rounding.Nearest));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-16)]
    public void A_step_that_is_not_positive_is_rejected(long step)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RoundingRules.Round(100, step, Rounding.Nearest));
    }
}

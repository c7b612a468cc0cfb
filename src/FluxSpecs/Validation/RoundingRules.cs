namespace FluxSpecs.Validation;

/// <summary>Applies a provider's <see cref="Rounding"/> to a value.</summary>
public static class RoundingRules
{
    /// <summary>The multiple of <paramref name="step"/> a provider would use for <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive.</exception>
    public static long Round(long value, long step, Rounding rounding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        var below = value - (((value % step) + step) % step);
        var above = below + step;
        return rounding switch
        {
            Rounding.Down => below,
            Rounding.Up => value == below ? below : above,
            _ => (value - below).CompareTo(above - value) switch
            {
                < 0 => below,
                > 0 => above,
                _ => value >= 0 ? above : below, // a half rounds away from zero
            },
        };
    }
}

namespace FluxSpecs.Validation;

/// <summary>What a provider does with an integer that is not a multiple of its step.</summary>
public enum Rounding
{
    /// <summary>Rounds to the nearest multiple (halves away from zero).</summary>
    Nearest,

    /// <summary>Rounds down to the multiple below.</summary>
    Down,

    /// <summary>Rounds up to the multiple above.</summary>
    Up,

    /// <summary>Rejects the request.</summary>
    Reject,
}

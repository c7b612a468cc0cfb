namespace FluxSpecs.Emulator.Faults;

/// <summary>
/// A rule of a <see cref="FaultPlan"/>: every <see cref="Every"/>th call of kind <see cref="On"/> (of
/// <see cref="Provider"/>, or of any provider) gets <see cref="Fault"/>, at most <see cref="Times"/> times.
/// </summary>
internal sealed class FaultRule
{
    private int _calls;
    private int _hits;

    /// <summary>Creates a rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> or <paramref name="times"/> is not positive.</exception>
    public FaultRule(CallKind? on, Fault fault, int every = 1, int? times = null, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        if (times is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t, nameof(times));
        }

        // Outcome faults are decided when the job is created.
        On = fault.DecidesOutcome ? CallKind.Create : on;
        Fault = fault;
        Every = every;
        Times = times;
        Provider = provider;
    }

    /// <summary>The call kind the rule counts, or null for every call.</summary>
    public CallKind? On { get; }

    /// <summary>The fault.</summary>
    public Fault Fault { get; }

    /// <summary>The rule hits every Nth matching call (1: every call).</summary>
    public int Every { get; }

    /// <summary>The most calls the rule hits, or null for no limit.</summary>
    public int? Times { get; }

    /// <summary>The provider id whose calls count, or null for all providers.</summary>
    public string? Provider { get; }

    /// <summary>How many calls the rule has hit so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Counts a call; true when the rule hits it. Thread-safe.</summary>
    internal bool Matches(CallKind kind, string providerId)
    {
        if ((On is { } on && on != kind) || (Provider is not null && Provider != providerId))
        {
            return false;
        }

        if (Interlocked.Increment(ref _calls) % Every != 0)
        {
            return false;
        }

        if (Times is not { } limit)
        {
            Interlocked.Increment(ref _hits);
            return true;
        }

        // Claim one of the remaining hits without going over the limit when calls race.
        while (true)
        {
            var hits = Volatile.Read(ref _hits);
            if (hits >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _hits, hits + 1, hits) == hits)
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        (On is { } on ? on.ToString().ToLowerInvariant() + ":" : "") + Fault.ToString()
        + (Every != 1 ? FormattableString.Invariant($";every={Every}") : "")
        + (Times is { } times ? FormattableString.Invariant($";times={times}") : "")
        + (Provider is null ? "" : ";provider=" + Provider);
}

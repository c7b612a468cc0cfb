namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>The system time shifted by a fixed offset: a receiver whose clock runs ahead (a replay, later) or behind.</summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}

using FluxSpecs.Emulator.Faults;

namespace FluxSpecs.Emulator.Hosting;

/// <summary>
/// The faults that still apply to a call after it was let through: a create's (after its job exists) or a status
/// stream's (after its first event); and a create's job key.
/// </summary>
internal sealed class CallScope
{
    public required string JobKey { get; init; }

    /// <summary>Delay before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Abort the connection instead of answering (after the job was created; a stream after its first event).</summary>
    public bool Drop { get; init; }

    /// <summary>Answer 200 with malformed JSON instead of the real answer (after the job was created; a stream sends a malformed event).</summary>
    public bool Garbage { get; init; }

    /// <summary>A fail or moderate fault that decides the job's outcome.</summary>
    public Fault? Outcome { get; init; }

    /// <summary>Faults for the job's later calls.</summary>
    public IReadOnlyList<Fault> Attach { get; init; } = [];
}

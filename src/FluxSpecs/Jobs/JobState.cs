namespace FluxSpecs.Jobs;

/// <summary>A snapshot of a job as the provider last reported it.</summary>
public sealed record JobState
{
    /// <summary>The job's identity, enough to ask about it again (also after a restart).</summary>
    public required JobHandle Handle { get; init; }

    /// <summary>Where the job is.</summary>
    public required JobStatus Status { get; init; }

    /// <summary>The provider's own status word (<c>starting</c>, <c>Pending</c>, <c>IN_QUEUE</c> …).</summary>
    public required string ProviderStatus { get; init; }

    /// <summary>The provider's error code, when it gave one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The provider's error message, when it gave one.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The generated images, once the job succeeded.</summary>
    public IReadOnlyList<JobOutput> Outputs { get; init; } = [];

    /// <summary>What the provider reports the job cost, when it reports it.</summary>
    public JobCost? ActualCost { get; init; }

    /// <summary>Progress from 0 to 1, when the provider reports it.</summary>
    public double? Progress { get; init; }

    /// <summary>The position in the provider's queue, when it reports one.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>True once the job can change no more.</summary>
    public bool IsTerminal => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled or JobStatus.Moderated;
}

namespace FluxSpecs.Jobs;

/// <summary>Where a job is, in one vocabulary for every provider; the provider's own word is kept in <see cref="JobState.ProviderStatus"/>.</summary>
public enum JobStatus
{
    /// <summary>Accepted, waiting for capacity.</summary>
    Queued,

    /// <summary>Generating.</summary>
    Running,

    /// <summary>Finished with outputs.</summary>
    Succeeded,

    /// <summary>Finished without outputs because of an error.</summary>
    Failed,

    /// <summary>Stopped on request (or by a deadline) before it finished.</summary>
    Canceled,

    /// <summary>Refused by the provider's content moderation.</summary>
    Moderated,
}

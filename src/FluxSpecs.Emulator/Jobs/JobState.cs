namespace FluxSpecs.Emulator.Jobs;

/// <summary>The one job model of every provider; each provider names these states in its own words.</summary>
internal enum JobState
{
    /// <summary>Waiting for the simulated queue time.</summary>
    Queued,

    /// <summary>Generating, for the simulated run time.</summary>
    Running,

    /// <summary>Done; the image can be downloaded.</summary>
    Succeeded,

    /// <summary>Ended with an error.</summary>
    Failed,

    /// <summary>Canceled by the client.</summary>
    Canceled,

    /// <summary>Refused by moderation (prompt, input or output).</summary>
    Moderated,
}

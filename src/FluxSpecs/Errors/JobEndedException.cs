using FluxSpecs.Jobs;

namespace FluxSpecs.Errors;

/// <summary>A job ended without images: it failed, was moderated, or was canceled. Carries the provider's own words.</summary>
public abstract class JobEndedException : FluxSpecsException
{
    /// <summary>Creates the exception for a job's final state.</summary>
    protected JobEndedException(JobState state, string what)
        : base($"{state.Handle.ProviderId} job {state.Handle.JobId} {what} ({state.ProviderStatus}{Detail(state)}).")
    {
        State = state;
    }

    /// <summary>The job's final state, with the provider's status, error code and message.</summary>
    public JobState State { get; }

    private static string Detail(JobState state) => (state.ErrorCode, state.ErrorMessage) switch
    {
        (null, null) => "",
        (null, { } message) => ": " + message,
        ({ } code, null) => ": " + code,
        ({ } code, { } message) => $": {code}: {message}",
    };
}

/// <summary>The provider ran the job and it failed. Providers may bill the time a failed job ran.</summary>
public sealed class JobFailedException(JobState state) : JobEndedException(state, "failed")
{
    /// <inheritdoc />
    public override bool MayHaveCharged => true;
}

/// <summary>The provider's moderation refused the prompt, an input or the output.</summary>
public sealed class JobModeratedException(JobState state) : JobEndedException(state, "was moderated")
{
    /// <summary>False where the provider reported a zero cost (BFL does not charge moderated requests).</summary>
    public override bool MayHaveCharged => State.ActualCost?.Amount != 0;
}

/// <summary>The job was canceled (on request, or by a provider deadline) before it finished.</summary>
public sealed class JobCanceledException(JobState state) : JobEndedException(state, "was canceled")
{
    /// <summary>True once the job may have started running; a job canceled while queued is usually free.</summary>
    public override bool MayHaveCharged => true;
}

/// <summary>Waiting for a job took longer than allowed. The job may still be running, and billed.</summary>
public sealed class JobTimeoutException(JobState lastState, TimeSpan waited)
    : FluxSpecsException($"{lastState.Handle.ProviderId} job {lastState.Handle.JobId} did not finish within {waited.TotalSeconds:0.#} s (last status {lastState.ProviderStatus}); it may still be running. Re-attach with its id to keep waiting.")
{
    /// <summary>The last state seen.</summary>
    public JobState LastState { get; } = lastState;

    /// <inheritdoc />
    public override bool MayHaveCharged => true;
}

namespace FluxSpecs.Batches;

/// <summary>How a row of a batch ended; each row ends in exactly one.</summary>
public enum BatchRowStatus
{
    /// <summary>The job succeeded and its images are saved.</summary>
    Succeeded,

    /// <summary>
    /// The job failed, or the create was refused in a way that proves no job was made (then the row has no job handle,
    /// and running the batch again tries it again).
    /// </summary>
    Failed,

    /// <summary>The provider's moderation refused the job.</summary>
    Moderated,

    /// <summary>The job was canceled.</summary>
    Canceled,

    /// <summary>
    /// Whether a job exists is not known: a create may have reached the provider without its answer being recorded (it
    /// may have been charged, and is never sent again on its own), or a recorded job could not be read or downloaded
    /// this time (running the batch again re-attaches to it).
    /// </summary>
    Unknown,

    /// <summary>The row breaks the model's or the provider's rules; nothing was sent.</summary>
    Invalid,

    /// <summary>
    /// The row was not started, and no job was made; its <see cref="BatchRowResult.Reason"/> says why: the batch's budget
    /// (<see cref="BatchRowReason.Budget"/>, <see cref="BatchRowReason.Unpriced"/>) or a deadline that passed before its
    /// create (<see cref="BatchRowReason.Deadline"/>). Running the batch again (with a larger
    /// <see cref="BatchOptions.MaxCostUsd"/>, or in time) runs it.
    /// </summary>
    Skipped,

    /// <summary>
    /// The row's deadline passed while its job ran on a provider that cannot cancel it (or refused to), so the batch
    /// stopped waiting: the job may still finish <b>and be charged</b>. Its handle is kept in the journal and in the
    /// results; running the batch again re-attaches to it and collects its images.
    /// </summary>
    Abandoned,
}

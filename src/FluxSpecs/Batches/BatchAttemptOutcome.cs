namespace FluxSpecs.Batches;

/// <summary>How one create of a batch row ended (<c>results.jsonl</c> spells them <c>refused</c>, <c>created</c>, <c>may_exist</c>).</summary>
public enum BatchAttemptOutcome
{
    /// <summary>
    /// Refused in a way that proves no job was made: a 4xx answer (validation, auth, 429), a missing key, or a
    /// connection that was never established. The row may go on to its next provider.
    /// </summary>
    Refused,

    /// <summary>The provider answered with a job.</summary>
    Created,

    /// <summary>
    /// The create may have reached the provider and no job handle came back (a 5xx, a timeout, a dropped connection, an
    /// unreadable answer, or a run stopped before the answer was recorded): a job may exist and may be billed, so the row
    /// goes to no other provider and is never sent again.
    /// </summary>
    MayExist,
}

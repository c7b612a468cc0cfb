namespace FluxSpecs.Emulator.Faults;

/// <summary>What a fault does.</summary>
internal enum FaultKind
{
    /// <summary>429 with a <c>Retry-After</c> header and the provider's rate-limit body.</summary>
    RateLimited,

    /// <summary>A 5xx (500, 502, 503 …) with the provider's error body.</summary>
    ServerError,

    /// <summary>
    /// A 4xx other than 429 (400, 401, 403, 404, 422 …) with the provider's error body: a refusal, answered before any
    /// job exists.
    /// </summary>
    Refused,

    /// <summary>The connection is aborted without a response; on a create, after the job was created.</summary>
    Drop,

    /// <summary>The response is delayed; on a create, after the job was created.</summary>
    Slow,

    /// <summary>
    /// The call is answered 200 with a JSON content type and a body cut off mid-document (malformed JSON); on a create,
    /// after the job was created.
    /// </summary>
    Garbage,

    /// <summary>The job ends failed, in the provider's own failed state and error shape.</summary>
    Fail,

    /// <summary>The job ends moderated, as the provider reports moderation.</summary>
    Moderate,
}

namespace FluxSpecs.Emulator.Faults;

/// <summary>The kinds of call a fault can be aimed at.</summary>
internal enum CallKind
{
    /// <summary>A create (submit) call: replicate's POST predictions, bfl's POST /v1/{endpoint}, fal's queue submit …</summary>
    Create,

    /// <summary>A status (poll) call.</summary>
    Status,

    /// <summary>
    /// A status stream (fal's <c>…/status/stream</c>): a 429 or 5xx answers its opening, <c>slow</c> delays it, and
    /// <c>drop</c> and <c>garbage</c> break it after its first event, in place of the second (the connection is cut; a
    /// malformed event is sent).
    /// </summary>
    Stream,

    /// <summary>A result call (fal's GET …/requests/{id}); providers whose status call carries the result have none.</summary>
    Result,

    /// <summary>A cancel call.</summary>
    Cancel,

    /// <summary>A download of a generated image (GET /files/…).</summary>
    Download,
}

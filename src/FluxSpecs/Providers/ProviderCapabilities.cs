namespace FluxSpecs.Providers;

/// <summary>What a provider's protocol can do beyond create and status.</summary>
[Flags]
public enum ProviderCapabilities
{
    /// <summary>Create and status only.</summary>
    None = 0,

    /// <summary>A running job can be canceled.</summary>
    Cancel = 1,

    /// <summary>The create can be held open until the job ends (Replicate's <c>Prefer: wait</c>).</summary>
    WaitOnCreate = 2,

    /// <summary>The provider posts the job's end to a URL given with the create.</summary>
    Webhooks = 4,

    /// <summary>The webhooks are signed, so a verifier can prove where a delivery came from.</summary>
    SignedWebhooks = 8,

    /// <summary>The create answers with the finished job (no polling), as OpenAI-compatible image APIs do.</summary>
    ResultOnCreate = 16,

    /// <summary>
    /// The provider pushes a job's status as it changes, on a stream (fal's server-sent events at <c>status/stream</c>,
    /// <see cref="IProviderProtocol.StreamStatesAsync"/>): a wait listens there and polls only while the stream is broken.
    /// </summary>
    StatusStream = 32,
}

using FluxSpecs.Jobs;

namespace FluxSpecs.Providers;

/// <summary>
/// One provider's HTTP protocol: create a job, ask for its state, cancel it. Every answer is mapped to the one
/// <see cref="JobState"/> model, keeping the provider's own status, error code and message.
/// </summary>
public interface IProviderProtocol
{
    /// <summary>The provider id (<see cref="ProviderIds"/>).</summary>
    string ProviderId { get; }

    /// <summary>Whether the provider can cancel a job; where it cannot, <see cref="CancelAsync"/> throws.</summary>
    bool SupportsCancel { get; }

    /// <summary>
    /// The HTTP request that creates the job, exactly as <see cref="SubmitAsync"/> sends it (method, URL, auth header,
    /// body), without sending it: for previews such as <c>fluxspecs payload</c>. Dispose it when done.
    /// </summary>
    HttpRequestMessage BuildCreateRequest(ProviderSubmission submission);

    /// <summary>Creates the job. Never retried: once the request may have reached the provider, a job may exist.</summary>
    Task<JobState> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Asks the provider for the job's current state.</summary>
    Task<JobState> GetStateAsync(JobHandle handle, CancellationToken cancellationToken = default);

    /// <summary>Asks the provider to cancel the job and returns the state it reports afterwards.</summary>
    /// <exception cref="NotSupportedException">The provider has no way to cancel a job.</exception>
    Task<JobState> CancelAsync(JobHandle handle, CancellationToken cancellationToken = default);
}

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

    /// <summary>
    /// Follows the job on the provider's status stream, where it has one (<see cref="ProviderCapabilities.StatusStream"/>):
    /// each state as the provider pushes it, the last being the final one, read as <see cref="GetStateAsync"/> reads it.
    /// The stream is opened once and never retried: when it cannot be opened or breaks (the connection drops, an event
    /// cannot be read, it ends before the job does) a <see cref="Errors.ProviderException"/> says so, and the caller polls.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider pushes no status (the default).</exception>
    IAsyncEnumerable<JobState> StreamStatesAsync(JobHandle handle, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{ProviderId} pushes no job status; poll with {nameof(GetStateAsync)}.");
}

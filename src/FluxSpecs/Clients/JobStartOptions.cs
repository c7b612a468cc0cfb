namespace FluxSpecs.Clients;

/// <summary>What a create asks of the provider beyond the request itself (<see cref="FluxSpecsClient.StartAsync(IModelRequest, string, JobStartOptions?, CancellationToken)"/>).</summary>
public sealed record JobStartOptions
{
    /// <summary>
    /// How long the job may run before the provider cancels it by itself, counted from the create, where the provider
    /// takes such a deadline: Replicate's <c>Cancel-After</c> header, sent in whole seconds and at least 5 (Replicate's
    /// minimum; a shorter deadline is sent as 5 s). Providers without one ignore it, so a caller that must stop the job
    /// in time cancels it itself as well (the batch runner does).
    /// </summary>
    public TimeSpan? CancelAfter { get; init; }
}

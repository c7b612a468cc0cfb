using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Pricing;

namespace FluxSpecs;

/// <summary>
/// Makes the values FluxSpecs returns — job states, jobs, price estimates — for tests of code that uses FluxSpecs, the
/// way Azure SDK model factories do: no provider, no network.
/// </summary>
/// <example>
/// <code>
/// class FakeClient : FluxSpecsClient
/// {
///     public override Task&lt;ImageJob&gt; StartAsync(IModelRequest request, string providerId, CancellationToken cancellationToken = default) =>
///         Task.FromResult(FluxSpecsModelFactory.ImageJob(FluxSpecsModelFactory.JobState(providerId, "job-1", JobStatus.Succeeded)));
/// }
/// </code>
/// </example>
public static class FluxSpecsModelFactory
{
    /// <summary>A job's state as a provider would report it.</summary>
    /// <param name="providerId">The provider id (<c>bfl</c>).</param>
    /// <param name="jobId">The provider's job id.</param>
    /// <param name="status">The status.</param>
    /// <param name="providerStatus">The provider's own status word; the status's name when null.</param>
    /// <param name="outputs">The images, for a succeeded job.</param>
    /// <param name="errorCode">The provider's error code, for a failed or moderated job.</param>
    /// <param name="errorMessage">The provider's message.</param>
    /// <param name="actualCost">The cost the provider reported.</param>
    public static JobState JobState(
        string providerId,
        string jobId,
        JobStatus status,
        string? providerStatus = null,
        IEnumerable<JobOutput>? outputs = null,
        string? errorCode = null,
        string? errorMessage = null,
        JobCost? actualCost = null) => new()
    {
        Handle = new JobHandle(providerId, jobId),
        Status = status,
        ProviderStatus = providerStatus ?? status.ToString(),
        Outputs = outputs is null ? [] : [.. outputs],
        ErrorCode = errorCode,
        ErrorMessage = errorMessage,
        ActualCost = actualCost,
    };

    /// <summary>
    /// A job with no client behind it that reports <paramref name="state"/>: waiting for an ended one returns at once and
    /// <see cref="ImageJob.EnsureSucceeded"/> behaves as for a real job. Members that would reach a provider or download
    /// throw <see cref="InvalidOperationException"/>; subclass <see cref="Jobs.ImageJob"/> to fake those too.
    /// </summary>
    public static ImageJob ImageJob(JobState state, PriceEstimate? estimate = null, string? modelId = null) =>
        new FactoryImageJob(state, estimate, modelId);

    /// <summary>A price estimate in USD, with one breakdown line.</summary>
    /// <param name="providerId">The provider id.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="amountUsd">The estimated amount.</param>
    /// <param name="outputSize">The output size the estimate assumed; 1024×1024 when null.</param>
    /// <param name="credits">The provider's credits, for providers that bill credits.</param>
    public static PriceEstimate PriceEstimate(string providerId, string modelId, decimal amountUsd, ImageSize? outputSize = null, decimal? credits = null) => new()
    {
        ProviderId = providerId,
        ModelId = modelId,
        Unit = credits is null ? "usd" : "credits",
        AmountUsd = amountUsd,
        Credits = credits,
        OutputSize = outputSize ?? new ImageSize(1024, 1024),
        Breakdown = [new PriceLine("request", 1, "request", credits ?? amountUsd)],
        Source = "FluxSpecsModelFactory",
        AsOf = DateOnly.FromDateTime(DateTime.UnixEpoch),
        Verified = false,
    };

    private sealed class FactoryImageJob(JobState state, PriceEstimate? estimate, string? modelId)
        : Jobs.ImageJob(state, estimate, modelId);
}

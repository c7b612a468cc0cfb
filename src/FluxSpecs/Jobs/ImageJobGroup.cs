using System.Runtime.ExceptionServices;
using FluxSpecs.Clients;
using FluxSpecs.Errors;
using FluxSpecs.Pricing;

namespace FluxSpecs.Jobs;

/// <summary>
/// The jobs of one request for its image count (the card's <c>image_count</c>): one job that yields every image where
/// the provider takes a count (fal's <c>num_images</c>, Lumenfall's <c>n</c>), else one job per image, all started at
/// once. Get one from <see cref="FluxSpecsClient.StartImagesAsync"/> or <see cref="FluxSpecsClient.GenerateImagesAsync"/>,
/// or after a restart from <see cref="FluxSpecsClient.AttachGroup"/>.
/// </summary>
/// <remarks>
/// Each job's create was sent exactly once. A create that failed is listed in <see cref="CreateFailures"/> and is never
/// re-sent: ask for the missing images again yourself if you want them, knowing that a failed create may still have made
/// a job (<see cref="FluxSpecsException.MayHaveCharged"/>).
/// </remarks>
public sealed class ImageJobGroup
{
    private const string Prefix = "fluxspecs-group:";

    internal ImageJobGroup(IReadOnlyList<ImageJob> jobs, IReadOnlyList<Exception> createFailures, PriceEstimate? estimate)
    {
        if (jobs.Count == 0)
        {
            throw new ArgumentException("A group has at least one job.", nameof(jobs));
        }

        Jobs = jobs;
        CreateFailures = createFailures;
        Estimate = estimate;
        Id = Prefix + string.Join(",", jobs.Select(job => Uri.EscapeDataString(job.Id)));
    }

    /// <summary>
    /// The id to save and re-attach with (<see cref="FluxSpecsClient.AttachGroup"/>): the saved ids of its jobs. It carries
    /// no secret, and no failed create (those made no job to ask about).
    /// </summary>
    public string Id { get; }

    /// <summary>The jobs, in the order they were started.</summary>
    public IReadOnlyList<ImageJob> Jobs { get; }

    /// <summary>The creates that failed, each with the exception that says how; empty when every create made a job.</summary>
    public IReadOnlyList<Exception> CreateFailures { get; }

    /// <summary>The price estimated for the whole request (every image), when the provider publishes prices.</summary>
    public PriceEstimate? Estimate { get; }

    /// <summary>True once every job has ended.</summary>
    public bool HasCompleted => Jobs.All(job => job.HasCompleted);

    /// <summary>Every image of the jobs that succeeded, in job order; each job's own outputs in the provider's order.</summary>
    public IReadOnlyList<JobOutput> Outputs => [.. Jobs.Where(job => job.State.Status == JobStatus.Succeeded).SelectMany(job => job.State.Outputs)];

    /// <summary>
    /// Waits until every job ends, reporting each job's changes to <paramref name="progress"/> (the state's
    /// <see cref="JobState.Handle"/> tells the jobs apart). Cancelling <paramref name="cancellationToken"/> stops waiting and
    /// leaves the jobs running, unless <paramref name="cancelRemoteJobOnCancel"/> asks to cancel them too. Returns each
    /// job's final state, in job order, whatever it is.
    /// </summary>
    /// <exception cref="JobTimeoutException">A job did not end within <see cref="PollingOptions.Timeout"/>.</exception>
    public async Task<IReadOnlyList<JobState>> WaitForCompletionAsync(IProgress<JobState>? progress = null, bool cancelRemoteJobOnCancel = false, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(Jobs.Select(job => job.WaitForCompletionAsync(progress, cancelRemoteJobOnCancel, cancellationToken))).ConfigureAwait(false);

    /// <summary>Asks the provider to cancel every job that has not ended; returns each job's state, in job order.</summary>
    /// <exception cref="NotSupportedException">The provider cannot cancel jobs (BFL, Vtrix, Magnific, Lumenfall).</exception>
    public async Task<IReadOnlyList<JobState>> CancelAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(Jobs.Select(job => job.HasCompleted ? Task.FromResult(job.State) : job.CancelAsync(cancellationToken))).ConfigureAwait(false);

    /// <summary>
    /// Returns every image when every create made a job and every job succeeded; otherwise throws what went wrong first:
    /// a failed create's exception, else the exception that says how a job ended.
    /// </summary>
    /// <exception cref="ProviderException">A create failed.</exception>
    /// <exception cref="JobFailedException">A job failed.</exception>
    /// <exception cref="JobModeratedException">A job was moderated.</exception>
    /// <exception cref="JobCanceledException">A job was canceled.</exception>
    /// <exception cref="InvalidOperationException">A job has not ended yet.</exception>
    public IReadOnlyList<JobOutput> EnsureSucceeded()
    {
        if (CreateFailures.Count > 0)
        {
            ExceptionDispatchInfo.Throw(CreateFailures[0]);
        }

        foreach (var job in Jobs)
        {
            job.EnsureSucceeded();
        }

        return Outputs;
    }

    /// <summary>Downloads image <paramref name="index"/> of <see cref="Outputs"/> into memory.</summary>
    /// <exception cref="DownloadException">The download failed, was too large, or is not an image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">There is no such image.</exception>
    public Task<byte[]> DownloadAsync(int index = 0, CancellationToken cancellationToken = default)
    {
        var (job, output) = Locate(index);
        return job.DownloadAsync(output, cancellationToken);
    }

    /// <summary>Downloads image <paramref name="index"/> of <see cref="Outputs"/> to <paramref name="path"/>, as <see cref="ImageJob.DownloadToFileAsync"/> does.</summary>
    /// <exception cref="DownloadException">The download failed, was too large, or is not an image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">There is no such image.</exception>
    public Task DownloadToFileAsync(string path, int index = 0, CancellationToken cancellationToken = default)
    {
        var (job, output) = Locate(index);
        return job.DownloadToFileAsync(path, output, cancellationToken);
    }

    /// <summary>The id.</summary>
    public override string ToString() => Id;

    /// <summary>The job handles a saved group id (or a single job's saved id) names.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    internal static IReadOnlyList<JobHandle> ParseId(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return [JobHandle.Parse(text)];
        }

        var parts = text[Prefix.Length..].Split(',');
        if (parts.Any(part => part.Length == 0))
        {
            throw new FormatException("A saved group id lists its jobs' saved ids: 'fluxspecs-group:<job id>,<job id>…'.");
        }

        return [.. parts.Select(part => JobHandle.Parse(Uri.UnescapeDataString(part)))];
    }

    /// <summary>The job holding image <paramref name="index"/> of <see cref="Outputs"/>, and its index there.</summary>
    private (ImageJob Job, int Output) Locate(int index)
    {
        var first = 0;
        foreach (var job in Jobs.Where(job => job.State.Status == JobStatus.Succeeded))
        {
            if (index >= first && index < first + job.State.Outputs.Count)
            {
                return (job, index - first);
            }

            first += job.State.Outputs.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"The group has {first} image(s) from its succeeded jobs.");
    }
}

using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using FluxSpecs.Providers;

namespace FluxSpecs.Batches;

/// <summary>
/// A batch's pace on each provider, with <c>System.Threading.RateLimiting</c>: a concurrency limiter for the jobs active
/// at once (a permit is held from the create until the job ends) and a token bucket for the creates sent per second. The
/// bucket is refilled by a timer of the batch's clock, so a fake clock drives it in tests.
/// </summary>
internal sealed class ProviderPacer(BatchOptions options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<CreateBucket?>> _creates = new(StringComparer.Ordinal);

    /// <summary>The most jobs active at once on <paramref name="providerId"/>: the per-provider option, else the batch's, else the provider's documented limit, else <see cref="BatchOptions.DefaultConcurrency"/>.</summary>
    public static int ConcurrencyLimit(BatchOptions options, string providerId) =>
        options.ProviderConcurrency.TryGetValue(providerId, out var limit) ? limit
        : options.Concurrency ?? (ProviderRegistry.TryGet(providerId, out var provider) ? provider.MaxActiveJobs : null) ?? BatchOptions.DefaultConcurrency;

    /// <summary>
    /// The most creates per second sent to <paramref name="providerId"/>: the per-provider option, else the batch's, else the
    /// provider's documented limit (<see cref="ProviderDefinition.MaxCreatesPerSecond"/>); null for no limit.
    /// </summary>
    public static double? CreatesPerSecond(BatchOptions options, string providerId) =>
        options.ProviderCreatesPerSecond.TryGetValue(providerId, out var rate) ? rate
        : options.CreatesPerSecond ?? (ProviderRegistry.TryGet(providerId, out var provider) ? provider.MaxCreatesPerSecond : null);

    /// <summary>A permit for one active job on the provider; the caller disposes it when the job has ended.</summary>
    public async Task<RateLimitLease> AcquireActiveAsync(string providerId, CancellationToken cancellationToken)
    {
        var limiter = _active.GetOrAdd(providerId, id => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = ConcurrencyLimit(options, id),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The {providerId} limiter refused a permit.");
        }

        return lease;
    }

    /// <summary>Waits until one more create may be sent to the provider (takes a token; a create spends it whatever its answer).</summary>
    public async Task WaitToCreateAsync(string providerId, CancellationToken cancellationToken)
    {
        if (Bucket(providerId) is not { } bucket)
        {
            return;
        }

        using var lease = await bucket.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The {providerId} creates-per-second limiter refused a token.");
        }
    }

    /// <summary>How many creates wait for a token of the provider's bucket (tests read it to know the pacer is holding them).</summary>
    internal long WaitingCreates(string providerId) => Bucket(providerId)?.Limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    private CreateBucket? Bucket(string providerId) => _creates.GetOrAdd(providerId, id => new Lazy<CreateBucket?>(() => NewBucket(id))).Value;

    private CreateBucket? NewBucket(string providerId)
    {
        if (CreatesPerSecond(options, providerId) is not { } rate)
        {
            return null;
        }

        // A bucket of one second's creates (at least one), refilled by whole tokens: 10/s is 10 tokens every second,
        // 2.5/s is 2 every 0.8 s, 0.5/s is 1 every 2 s.
        var tokens = (int)Math.Max(1, Math.Floor(rate));
        var period = TimeSpan.FromSeconds(tokens / rate);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var timer = clock.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), limiter, period, period);
        return new CreateBucket(limiter, timer);
    }

    public void Dispose()
    {
        foreach (var limiter in _active.Values)
        {
            limiter.Dispose();
        }

        foreach (var bucket in _creates.Values.Where(lazy => lazy.IsValueCreated).Select(lazy => lazy.Value).OfType<CreateBucket>())
        {
            bucket.Timer.Dispose();
            bucket.Limiter.Dispose();
        }
    }

    private sealed record CreateBucket(TokenBucketRateLimiter Limiter, ITimer Timer);
}

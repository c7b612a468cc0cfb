using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using FluxSpecs.Providers;

namespace FluxSpecs.Batches;

/// <summary>
/// A batch's pace on each provider, with <c>System.Threading.RateLimiting</c>: a concurrency limiter for the jobs active
/// at once (a permit is held from the create until the job ends) and a sliding window for the creates sent per second
/// (a permit per create, given back one window later by a timer of the batch's clock, so a fake clock drives it in tests).
/// </summary>
internal sealed class ProviderPacer(BatchOptions options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<CreateWindow?>> _creates = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Waits until one more create may be sent to the provider. The permit taken is given back one period of the clock
    /// later, whatever the create's answer, so no period holds more creates than the limit allows.
    /// </summary>
    public async Task WaitToCreateAsync(string providerId, CancellationToken cancellationToken)
    {
        if (Window(providerId) is not { } window)
        {
            return;
        }

        var lease = await window.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The {providerId} creates-per-second limiter refused a permit.");
        }

        window.ReleaseLater(lease);
    }

    /// <summary>How many creates wait for a creates-per-second permit of the provider (tests read it to know the pacer holds them).</summary>
    internal long WaitingCreates(string providerId) => Window(providerId)?.Limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    private CreateWindow? Window(string providerId) => _creates.GetOrAdd(providerId, id => new Lazy<CreateWindow?>(() => NewWindow(id))).Value;

    private CreateWindow? NewWindow(string providerId)
    {
        if (CreatesPerSecond(options, providerId) is not { } rate)
        {
            return null;
        }

        // Whole creates per window (at least one): 10/s is 10 in any second, 2.5/s is 2 in any 0.8 s, 0.5/s is 1 in any 2 s.
        var creates = (int)Math.Max(1, Math.Floor(rate));
        return new CreateWindow(
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = creates, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }),
            TimeSpan.FromSeconds(creates / rate),
            clock);
    }

    public void Dispose()
    {
        foreach (var limiter in _active.Values)
        {
            limiter.Dispose();
        }

        foreach (var window in _creates.Values.Where(lazy => lazy.IsValueCreated).Select(lazy => lazy.Value).OfType<CreateWindow>())
        {
            window.Dispose();
        }
    }

    /// <summary>
    /// A sliding window of creates: a <see cref="ConcurrencyLimiter"/> of the window's creates whose permits are given
    /// back by timers of the batch's clock (the library's replenishing limiters read the machine's clock, which a test
    /// cannot move).
    /// </summary>
    private sealed class CreateWindow(ConcurrencyLimiter limiter, TimeSpan period, TimeProvider clock) : IDisposable
    {
        private readonly ConcurrentDictionary<Pending, byte> _pending = new();

        public ConcurrencyLimiter Limiter => limiter;

        public void ReleaseLater(RateLimitLease lease)
        {
            // Kept in _pending until it has fired: a timer nothing refers to may be collected before it fires.
            var pending = new Pending(this, lease);
            pending.Timer = clock.CreateTimer(static state => ((Pending)state!).Release(), pending, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _pending[pending] = 0;
            pending.Timer.Change(period, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            foreach (var pending in _pending.Keys)
            {
                pending.Release();
            }

            limiter.Dispose();
        }

        /// <summary>A create's permit, given back when its timer fires.</summary>
        private sealed class Pending(CreateWindow window, RateLimitLease lease)
        {
            public ITimer? Timer { get; set; }

            public void Release()
            {
                if (window._pending.TryRemove(this, out _))
                {
                    Timer?.Dispose();
                    lease.Dispose();
                }
            }
        }
    }
}

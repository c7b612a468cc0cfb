using System.Collections.Concurrent;

namespace FluxSpecs.Benchmarks.Jobs;

/// <summary>Counts the HTTP requests a client sends (every attempt, retries included), keeping each GET's URL.</summary>
public sealed class RequestCounter
{
    private readonly ConcurrentQueue<string> _gets = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyCollection<string> Gets => _gets;

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._total);
            if (request.Method == HttpMethod.Get)
            {
                counter._gets.Enqueue(request.RequestUri!.ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

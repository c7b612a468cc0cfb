using System.Collections.Concurrent;

namespace FluxSpecs.Batches;

/// <summary>
/// Per provider, how long the batch's jobs took from their create's answer to the end of their wait, and the median of
/// the latest of them: the typical run time each new job of that provider polls around (<see cref="Jobs.ImageJob"/>),
/// in place of one fixed guess for every provider. A batch sends many similar jobs, so polls then gather where jobs
/// really end, and a job is seen ended within the minimum interval instead of the growing one past a wrong guess.
/// </summary>
internal sealed class BatchJobTimes
{
    /// <summary>How many of a provider's latest jobs count.</summary>
    private const int Latest = 25;

    /// <summary>How many jobs a provider needs to have ended before its time is used.</summary>
    private const int Enough = 3;

    private readonly ConcurrentDictionary<string, Queue<TimeSpan>> _times = new(StringComparer.Ordinal);

    /// <summary>Counts a job of <paramref name="providerId"/> that took <paramref name="took"/>.</summary>
    public void Add(string providerId, TimeSpan took)
    {
        var times = _times.GetOrAdd(providerId, _ => new Queue<TimeSpan>());
        lock (times)
        {
            times.Enqueue(took);
            if (times.Count > Latest)
            {
                times.Dequeue();
            }
        }
    }

    /// <summary>The median of the provider's latest job times; null until <see cref="Enough"/> of its jobs ended.</summary>
    public TimeSpan? Typical(string providerId)
    {
        if (!_times.TryGetValue(providerId, out var times))
        {
            return null;
        }

        TimeSpan[] sorted;
        lock (times)
        {
            if (times.Count < Enough)
            {
                return null;
            }

            sorted = [.. times.Order()];
        }

        return sorted[sorted.Length / 2];
    }
}

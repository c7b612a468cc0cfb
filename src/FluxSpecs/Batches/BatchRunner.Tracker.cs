using System.Threading.RateLimiting;

namespace FluxSpecs.Batches;

public sealed partial class BatchRunner
{
    /// <summary>Counts rows as they start and end, and reports each change.</summary>
    private sealed class Tracker(int total, IProgress<BatchProgress>? progress, BatchRate rate)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<BatchRowStatus, int> _byStatus = Enum.GetValues<BatchRowStatus>().ToDictionary(status => status, _ => 0);
        private int _done;
        private int _running;
        private int _notSucceeded;
        private decimal _spend;

        /// <summary>Counts a row as running until the returned slot is disposed, which also releases <paramref name="lease"/>.</summary>
        public IDisposable Start(RateLimitLease lease)
        {
            lock (_lock)
            {
                _running++;
                Report(null);
            }

            return new Active(this, lease);
        }

        public void Ended(BatchRowResult result)
        {
            lock (_lock)
            {
                _done++;
                _byStatus[result.Status]++;
                _notSucceeded += result.Status == BatchRowStatus.Succeeded ? 0 : 1;
                _spend += result.CostUsd ?? (result.Status == BatchRowStatus.Succeeded ? result.EstimateUsd ?? 0 : 0);
                if (result.Sent)
                {
                    rate.Ended();
                }

                Report(result);
            }
        }

        /// <summary>The counts once every row ended.</summary>
        public BatchSummary Summary(string resultsPath)
        {
            lock (_lock)
            {
                return new BatchSummary
                {
                    Rows = total,
                    Statuses = new Dictionary<BatchRowStatus, int>(_byStatus),
                    SpendUsd = _spend,
                    ResultsPath = resultsPath,
                };
            }
        }

        private void Stopped()
        {
            lock (_lock)
            {
                _running--;
            }
        }

        private void Report(BatchRowResult? row)
        {
            if (progress is null)
            {
                return;
            }

            var perMinute = rate.RowsPerMinute();
            progress.Report(new BatchProgress
            {
                Total = total,
                Done = _done,
                Running = _running,
                NotSucceeded = _notSucceeded,
                SpendUsd = _spend,
                Elapsed = rate.Elapsed,
                RowsPerMinute = perMinute,
                TimeLeft = BatchRate.TimeLeft(total - _done, perMinute),
                Row = row,
            });
        }

        private sealed class Active(Tracker tracker, RateLimitLease lease) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    tracker.Stopped();
                    lease.Dispose();
                }
            }
        }
    }
}

namespace FluxSpecs.Batches;

/// <summary>
/// The pace of a batch: rows ended per minute over the last <see cref="Window"/> (or since the run started, when that
/// is shorter), and the time the rows left would take at that pace. Only rows this run worked on count: rows taken from
/// the journal or refused before sending end at once and would make a resumed batch look faster than it is.
/// Not thread-safe; the runner calls it under its own lock.
/// </summary>
internal sealed class BatchRate
{
    /// <summary>How far back the rate looks: long enough to smooth jobs ending in bursts, short enough to follow a change of pace.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly Queue<long> _ends = new();
    private bool _anyEnded;

    public BatchRate(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _started = clock.GetTimestamp();
    }

    /// <summary>The time since the run started.</summary>
    public TimeSpan Elapsed => _clock.GetElapsedTime(_started);

    /// <summary>Counts a row that ended now.</summary>
    public void Ended()
    {
        _ends.Enqueue(_clock.GetTimestamp());
        _anyEnded = true;
    }

    /// <summary>
    /// Rows ended per minute over the window (zero when none ended in it: the batch is stalled); null before the first
    /// row ended or before any time passed.
    /// </summary>
    public double? RowsPerMinute()
    {
        var now = _clock.GetTimestamp();
        while (_ends.Count > 0 && _clock.GetElapsedTime(_ends.Peek(), now) >= Window)
        {
            _ends.Dequeue();
        }

        var span = _clock.GetElapsedTime(_started, now);
        if (span > Window)
        {
            span = Window;
        }

        return !_anyEnded || span <= TimeSpan.Zero ? null : _ends.Count / span.TotalMinutes;
    }

    /// <summary>The time <paramref name="rowsLeft"/> rows take at <paramref name="rowsPerMinute"/>; zero when none are left, null without a rate.</summary>
    public static TimeSpan? TimeLeft(int rowsLeft, double? rowsPerMinute) => rowsLeft <= 0
        ? TimeSpan.Zero
        : rowsPerMinute is > 0 and var rate ? TimeSpan.FromMinutes(rowsLeft / rate) : null;
}

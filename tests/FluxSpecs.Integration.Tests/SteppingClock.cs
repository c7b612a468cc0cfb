using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Integration.Tests;

/// <summary>
/// A fake clock, shared by the emulator and the client, that moves on by itself while a test waits for a task: backoff,
/// <c>Retry-After</c> and polling take fake time, and cost almost no real time.
/// </summary>
/// <remarks>
/// When a timer is due within <see cref="Jump"/>, the clock jumps to it: that is a wait the code is in (a backoff, a
/// <c>Retry-After</c>, a poll, an emulated job's run). Timeouts (30 s and more) are further out; they are left to pass at
/// about the real pace (a millisecond per turn), so a call in flight to the real Kestrel server is not timed out by a jump.
/// </remarks>
public sealed class SteppingClock : TimeProvider
{
    public static readonly TimeSpan Jump = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _fake = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentDictionary<Tracked, DateTimeOffset> _due = new();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Tracked(this, _fake.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Runs <paramref name="action"/>, moving the clock on until it ends.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        var task = action();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1));
            var now = GetUtcNow();
            var next = _due.Values.Where(due => due > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            _fake.Advance(next - now <= Jump ? next - now : TimeSpan.FromMilliseconds(1));
        }

        return await task;
    }

    /// <summary>Runs <paramref name="action"/>, moving the clock on until it ends.</summary>
    public Task RunAsync(Func<Task> action) => RunAsync(async () =>
    {
        await action();
        return true;
    });

    /// <summary>A timer of the fake clock whose next due time is known, so that the clock can jump to it.</summary>
    private sealed class Tracked(SteppingClock clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                clock._due.TryRemove(this, out _);
            }
            else
            {
                clock._due[this] = clock.GetUtcNow() + dueTime;
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock._due.TryRemove(this, out _);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

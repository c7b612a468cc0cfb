using Microsoft.Extensions.Time.Testing;

namespace FluxSpecs.Integration.Tests;

/// <summary>
/// A fake clock, shared by the emulator and the client, that moves on in small steps while a test waits for a task:
/// backoff, <c>Retry-After</c> and polling take fake time, and a fake second costs a fraction of a real one.
/// </summary>
/// <remarks>
/// Steps, not jumps to the next timer: while a call to the real Kestrel server is in flight its timeouts are pending
/// too, and a jump would fire them. At one step per real millisecond, a 30 s attempt timeout is still 6 real seconds away.
/// </remarks>
public sealed class SteppingClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    /// <summary>Runs <paramref name="action"/>, moving the clock on until it ends.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        var task = action();
        while (!task.IsCompleted)
        {
            Advance(Step);
            await Task.WhenAny(task, Task.Delay(1));
        }

        return await task;
    }

    /// <summary>Runs <paramref name="action"/>, moving the clock on until it ends.</summary>
    public Task RunAsync(Func<Task> action) => RunAsync(async () =>
    {
        await action();
        return true;
    });
}

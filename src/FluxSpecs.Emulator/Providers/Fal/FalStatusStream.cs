using System.Text;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FluxSpecs.Emulator.Providers.Fal;

/// <summary>
/// fal's status stream, <c>GET {owner}/{alias}/requests/{id}/status/stream[?logs=1]</c>: server-sent events, each a
/// <c>data:</c> line holding the status object <c>…/status</c> answers; the stream closes after the <c>COMPLETED</c>
/// event, and a comment line every <see cref="KeepAlive"/> keeps a quiet stream open (fal's documented behaviour).
/// </summary>
/// <remarks>
/// Events are pushed by the job's own changes (<see cref="EmulatorJob.NextChange"/>) and, while it is queued, by the queue
/// moving (<see cref="JobStore.QueueMoved"/>): nothing is sent on a timer except the keep-alive comment. Faults aimed at
/// <c>stream</c>: a 429 or 5xx answers the opening, <c>slow</c> delays it; <c>drop</c> cuts the connection where the second
/// event would be, and <c>garbage</c> sends a malformed event in its place and closes (the break comes mid-way, after the
/// client has had a first event).
/// </remarks>
internal sealed class FalStatusStream(
    EmulatorRuntime runtime,
    Func<HttpContext, EmulatorJob?> find,
    Func<HttpContext, EmulatorJob?, Task<CallScope?>> begin,
    Func<EmulatorJob, DateTimeOffset, bool, JsonObject> status,
    Func<HttpContext, int, string, string, Task> writeError)
{
    /// <summary>How often a comment line is sent when nothing else is: fal documents 15 seconds.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly byte[] KeepAliveComment = Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private static readonly byte[] MalformedEvent = Encoding.UTF8.GetBytes("data: {\"status\": \"IN_PROGR\n\n");

    public async Task ServeAsync(HttpContext context)
    {
        var job = find(context);
        if (await begin(context, job).ConfigureAwait(false) is not { } scope)
        {
            return;
        }

        if (job is null)
        {
            await writeError(context, StatusCodes.Status404NotFound, "not_found", "Request not found.").ConfigureAwait(false);
            return;
        }

        var logs = context.Request.Query["logs"].ToString() is "1" or "true";
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, runtime.Stopping);
        var body = context.Response.Body;
        string? last = null;
        var events = 0;
        try
        {
            await body.FlushAsync(ending.Token).ConfigureAwait(false);
            while (true)
            {
                // Taken before the state is read, so that a change in between wakes the wait below at once.
                var changed = job.NextChange;
                var moved = runtime.Jobs.QueueMoved;
                var current = status(job, runtime.Now, logs);
                var word = current["status"]!.GetValue<string>();
                var position = current["queue_position"]?.GetValue<int>();
                var summary = word + "/" + position;
                if (summary != last)
                {
                    last = summary;
                    if (++events == 2 && (scope.Drop || scope.Garbage))
                    {
                        await BreakAsync(context, scope.Drop, ending.Token).ConfigureAwait(false);
                        return;
                    }

                    await body.WriteAsync(Encoding.UTF8.GetBytes("data: " + current.ToJsonString() + "\n\n"), ending.Token).ConfigureAwait(false);
                    await body.FlushAsync(ending.Token).ConfigureAwait(false);

                    if (word == "COMPLETED")
                    {
                        return;
                    }
                }

                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
                var keepAlive = Task.Delay(KeepAlive, runtime.Options.Clock, quiet.Token);
                var woke = await Task.WhenAny(changed, word == "IN_QUEUE" ? moved : Task.Delay(Timeout.Infinite, quiet.Token), keepAlive).ConfigureAwait(false);
                await quiet.CancelAsync().ConfigureAwait(false);
                ending.Token.ThrowIfCancellationRequested();
                if (woke == keepAlive)
                {
                    await body.WriteAsync(KeepAliveComment, ending.Token).ConfigureAwait(false);
                    await body.FlushAsync(ending.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ending.IsCancellationRequested)
        {
            // The client went away, or the emulator is stopping: nothing more to send.
        }
    }

    private static async Task BreakAsync(HttpContext context, bool drop, CancellationToken cancellationToken)
    {
        if (drop)
        {
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(MalformedEvent, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

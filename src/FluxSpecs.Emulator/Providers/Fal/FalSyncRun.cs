using FluxSpecs.Emulator.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Fal;

/// <summary>
/// fal's synchronous host, <c>https://fal.run/{owner}/{alias}[/subpath]</c> (used by <c>fal.run()</c> in
/// <c>@fal-ai/client</c> and by <c>@ai-sdk/fal</c>), under <c>/fal-run/</c>: the same body and checks as a queue submit,
/// but the call waits for the request and answers its result directly, as the queue's result endpoint would (the output,
/// or fal's error), with no queue receipt.
/// </summary>
internal sealed partial class FalEndpoints
{
    /// <summary>The first path segment of the synchronous host; the queue (queue.fal.run) is under <c>/fal/</c>.</summary>
    public const string SyncPrefix = "fal-run";

    public override void MapOtherHosts(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/" + SyncPrefix).MapPost("/{owner}/{alias}/{**subpath}", RunAsync);

    private async Task RunAsync(HttpContext context)
    {
        var (app, modelId) = Application(context);
        if (await BeginCreateAsync(context, modelId, $"Application '{modelId}' not found.").ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = app };
        var job = CreateJob(context, call, IdGenerator.Uuid(), tags: tags, providerModelId: modelId);
        context.Response.Headers[RequestIdHeader] = job.Id;
        await Runtime.WaitAsync(job, Runtime.Options.MaxWait, context.RequestAborted).ConfigureAwait(false);
        if (!await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            return;
        }

        var state = job.StateAt(Runtime.Now);
        if (state is JobState.Queued or JobState.Running)
        {
            // The request outlived the emulator's longest wait (EmulatorOptions.MaxWait); it goes on running.
            await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout, "timeout", "Request timed out.").ConfigureAwait(false);
            return;
        }

        await WriteResultAsync(context, job, state).ConfigureAwait(false);
    }
}

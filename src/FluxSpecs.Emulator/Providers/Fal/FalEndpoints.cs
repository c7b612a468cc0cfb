using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Fal;

/// <summary>
/// fal's queue (queue.fal.run): <c>POST /{owner}/{alias}[/subpath]</c> → <c>{request_id, response_url, status_url,
/// cancel_url}</c>; <c>GET /{owner}/{alias}/requests/{id}/status</c> (IN_QUEUE with queue_position, IN_PROGRESS,
/// COMPLETED); <c>GET /{owner}/{alias}/requests/{id}</c> → <c>{images, seed}</c>; <c>PUT …/cancel</c> only before the
/// request starts. Status and result URLs drop the subpath. <c>?fal_webhook=</c> gets an Ed25519-signed webhook whose
/// key is at <c>/fal/.well-known/jwks.json</c>. Every response about a request carries its id in
/// <c>x-fal-request-id</c>. The synchronous host (fal.run) is under its own prefix (<see cref="SyncPrefix"/>).
/// </summary>
internal sealed partial class FalEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.Fal;

    public override string ProviderId => Id;

    /// <summary>The header fal's responses name their request in (<c>@fal-ai/client</c> reads <c>requestId</c> from it).</summary>
    public const string RequestIdHeader = "x-fal-request-id";

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [new("Authorization", "Key")];

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/.well-known/jwks.json", context => JsonHttp.WriteAsync(context, 200, Runtime.FalSigner.Jwks()));
        routes.MapGet("/{owner}/{alias}/requests/{id}/status", StatusAsync);
        routes.MapGet("/{owner}/{alias}/requests/{id}/status/stream", new FalStatusStream(Runtime, FindRequest, (c, job) => BeginAsync(c, CallKind.Stream, job), Status, WriteErrorAsync).ServeAsync);
        routes.MapGet("/{owner}/{alias}/requests/{id}", ResultAsync);
        routes.MapPut("/{owner}/{alias}/requests/{id}/cancel", CancelAsync);
        routes.MapPost("/{owner}/{alias}/{**subpath}", SubmitAsync);
    }

    private async Task SubmitAsync(HttpContext context)
    {
        var (app, modelId) = Application(context);
        if (await BeginCreateAsync(context, modelId, $"Application '{modelId}' not found.").ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var id = IdGenerator.Uuid();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = app };
        WebhookTarget? webhook = null;
        if (context.Request.Query["fal_webhook"].ToString() is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            webhook = new WebhookTarget(uri);
            tags["gateway_request_id"] = id;
        }

        var job = CreateJob(context, call, id, webhook, tags, providerModelId: modelId);
        context.Response.Headers[RequestIdHeader] = job.Id;
        if (!await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            return;
        }

        var response = new JsonObject
        {
            ["request_id"] = job.Id,
            ["response_url"] = RequestUrl(job),
            ["status_url"] = RequestUrl(job) + "/status",
            ["cancel_url"] = RequestUrl(job) + "/cancel",
            ["queue_position"] = Runtime.Jobs.QueuePosition(job, Runtime.Now),
        };
        if (webhook is not null)
        {
            response["gateway_request_id"] = job.Id;
        }

        await JsonHttp.WriteAsync(context, 200, response).ConfigureAwait(false);
    }

    private async Task StatusAsync(HttpContext context)
    {
        var job = FindRequest(context);
        if (await BeginAsync(context, CallKind.Status, job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (job is null)
        {
            await WriteErrorAsync(context, 404, "not_found", "Request not found.").ConfigureAwait(false);
            return;
        }

        await JsonHttp.WriteAsync(context, 200, Status(job, Runtime.Now, context.Request.Query["logs"].ToString() is "1" or "true")).ConfigureAwait(false);
    }

    /// <summary>The status object of <c>…/status</c>, which is also each event of <c>…/status/stream</c>.</summary>
    private JsonObject Status(EmulatorJob job, DateTimeOffset now, bool logs)
    {
        var state = job.StateAt(now);
        var status = new JsonObject
        {
            ["status"] = state switch
            {
                JobState.Queued => "IN_QUEUE",
                JobState.Running => "IN_PROGRESS",
                _ => "COMPLETED",
            },
            ["request_id"] = job.Id,
            ["response_url"] = RequestUrl(job),
            ["status_url"] = RequestUrl(job) + "/status",
            ["cancel_url"] = RequestUrl(job) + "/cancel",
        };
        if (state == JobState.Queued)
        {
            status["queue_position"] = Runtime.Jobs.QueuePosition(job, now);
        }

        if (logs)
        {
            status["logs"] = Logs(job, state);
        }

        if (state is JobState.Succeeded or JobState.Failed or JobState.Moderated or JobState.Canceled)
        {
            status["metrics"] = new JsonObject { ["inference_time"] = state == JobState.Succeeded ? job.RunTime.TotalSeconds : null };
        }

        if (ErrorOf(job, state) is { } failure)
        {
            status["error"] = failure.Message;
            status["error_type"] = failure.Type;
        }

        return status;
    }

    private async Task ResultAsync(HttpContext context)
    {
        var job = FindRequest(context);
        if (await BeginAsync(context, CallKind.Result, job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (job is null)
        {
            await WriteErrorAsync(context, 404, "not_found", "Request not found.").ConfigureAwait(false);
            return;
        }

        await WriteResultAsync(context, job, job.StateAt(Runtime.Now)).ConfigureAwait(false);
    }

    /// <summary>A request's result as fal answers it: the output, or the error of a request that did not succeed.</summary>
    private async Task WriteResultAsync(HttpContext context, EmulatorJob job, JobState state)
    {
        switch (state)
        {
            case JobState.Succeeded:
                await JsonHttp.WriteAsync(context, 200, Output(job)).ConfigureAwait(false);
                return;
            case JobState.Queued or JobState.Running:
                await WriteErrorAsync(context, 400, "in_progress", "Request is still in progress.").ConfigureAwait(false);
                return;
            case JobState.Moderated:
                await JsonHttp.WriteAsync(context, 422, ModerationError()).ConfigureAwait(false);
                return;
            default:
                var failure = ErrorOf(job, state)!.Value;
                await JsonHttp.WriteAsync(context, state == JobState.Canceled ? 400 : 500, new JsonObject { ["detail"] = failure.Message, ["error_type"] = failure.Type }).ConfigureAwait(false);
                return;
        }
    }

    private async Task CancelAsync(HttpContext context)
    {
        var job = FindRequest(context);
        if (await BeginAsync(context, CallKind.Cancel, job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (job is null)
        {
            await WriteErrorAsync(context, 404, "not_found", "Request not found.").ConfigureAwait(false);
            return;
        }

        // fal cancels only requests that have not started.
        var (_, canceled) = job.Cancel(Runtime.Now, onlyWhileQueued: true);
        await JsonHttp.WriteAsync(context, canceled ? 202 : 400, new JsonObject { ["status"] = canceled ? "CANCELLATION_REQUESTED" : "ALREADY_COMPLETED" }).ConfigureAwait(false);
    }

    /// <summary>The request the path names, if it belongs to the path's app; its id goes in the response's header.</summary>
    private EmulatorJob? FindRequest(HttpContext context)
    {
        var app = $"{context.GetRouteValue("owner")}/{context.GetRouteValue("alias")}";
        var job = FindJob(context.GetRouteValue("id") as string) is { } found && found.Tags.GetValueOrDefault("app") == app ? found : null;
        if (job is not null)
        {
            context.Response.Headers[RequestIdHeader] = job.Id;
        }

        return job;
    }

    /// <summary>The app (<c>owner/alias</c>) and the endpoint with its subpath (<c>fal-ai/flux-2-pro/edit</c>) a submit names.</summary>
    private static (string App, string ModelId) Application(HttpContext context)
    {
        var app = $"{context.GetRouteValue("owner")}/{context.GetRouteValue("alias")}";
        var subpath = (context.GetRouteValue("subpath") as string)?.Trim('/');
        return (app, string.IsNullOrEmpty(subpath) ? app : app + "/" + subpath);
    }

    /// <summary>
    /// The request's log lines so far, in fal's shape (<c>{message, level, source, timestamp}</c>): one when it started,
    /// one when it ended.
    /// </summary>
    private static JsonArray Logs(EmulatorJob job, JobState state)
    {
        static JsonObject Line(string message, string level, DateTimeOffset at) =>
            new() { ["message"] = message, ["level"] = level, ["source"] = "USER", ["timestamp"] = JsonHttp.Timestamp(at) };

        var logs = new JsonArray();
        var started = state != JobState.Queued && (job.CanceledAt is not { } canceled || canceled > job.StartsAt);
        if (started)
        {
            logs.Add(Line(FormattableString.Invariant($"Generating {job.Settings.Width}x{job.Settings.Height} (FluxSpecs emulator)"), "INFO", job.StartsAt));
        }

        if (ErrorOf(job, state) is { } failure)
        {
            logs.Add(Line(failure.Message, state == JobState.Canceled ? "INFO" : "ERROR", job.EndedAt));
        }
        else if (state == JobState.Succeeded)
        {
            logs.Add(Line("Generation finished", "INFO", job.EndedAt));
        }

        return logs;
    }

    private static string RequestUrl(EmulatorJob job) =>
        new Uri(job.BaseAddress, $"fal/{job.Tags["app"]}/requests/{job.Id}").ToString();

    private JsonObject Output(EmulatorJob job)
    {
        var dataUri = BodyValidator.Boolean(job.Request["sync_mode"], formValues: false) == true;
        var files = Runtime.Files.For(job);
        return new JsonObject
        {
            ["images"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["url"] = dataUri ? $"data:{f.ContentType};base64,{Convert.ToBase64String(f.Bytes)}" : f.UrlOn(job.BaseAddress).ToString(),
                ["content_type"] = f.ContentType,
                ["file_name"] = f.FileName,
                ["file_size"] = f.Bytes.Length,
                ["width"] = job.Settings.Width,
                ["height"] = job.Settings.Height,
            })]),
            ["seed"] = job.Settings.Seed,
            ["has_nsfw_concepts"] = new JsonArray([.. files.Select(_ => (JsonNode?)JsonValue.Create(false))]),
            ["prompt"] = job.Settings.Prompt,
            ["timings"] = new JsonObject { ["inference"] = job.RunTime.TotalSeconds },
        };
    }

    private static (string Message, string Type)? ErrorOf(EmulatorJob job, JobState state) => state switch
    {
        JobState.Failed => (job.FailureMessage ?? "Internal error.", "internal_error"),
        JobState.Moderated => ("The content was flagged by the content policy.", "content_policy_violation"),
        JobState.Canceled => ("The request was cancelled.", "request_cancelled"),
        _ => null,
    };

    private static JsonObject ModerationError() => new()
    {
        ["detail"] = new JsonArray(new JsonObject
        {
            ["loc"] = new JsonArray("body", "prompt"),
            ["msg"] = "The content was flagged by the content policy.",
            ["type"] = "content_policy_violation",
        }),
    };

    protected override Task OnJobEventAsync(EmulatorJob job, JobState state, DateTimeOffset at)
    {
        if (state == JobState.Running || job.Webhook is null)
        {
            return Task.CompletedTask;
        }

        var failure = ErrorOf(job, state);
        var payload = new JsonObject
        {
            ["request_id"] = job.Id,
            ["gateway_request_id"] = job.Tags.GetValueOrDefault("gateway_request_id") ?? job.Id,
            ["status"] = state == JobState.Succeeded ? "OK" : "ERROR",
            ["payload"] = state == JobState.Succeeded ? Output(job) : state == JobState.Moderated ? ModerationError() : null,
            ["error"] = failure?.Message,
            ["payload_error"] = null,
        };
        var userId = Runtime.Options.FalUserId;
        return SendWebhookAsync(job, "completed", payload, body =>
        {
            var timestamp = UnixSeconds(Runtime.Now);
            return
            [
                new("X-Fal-Webhook-Request-Id", job.Id),
                new("X-Fal-Webhook-User-Id", userId),
                new("X-Fal-Webhook-Timestamp", timestamp),
                new("X-Fal-Webhook-Signature", Runtime.FalSigner.Sign(job.Id, userId, timestamp, body)),
            ];
        });
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, FastApiErrors.Detail(message));

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 422, FastApiErrors.Validation(errors));
}

using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.CoreToday;

/// <summary>
/// core.today's predictions API as its llms.txt pages describe it (seeds 000 and 001): <c>POST /v1/predictions</c> with
/// <c>{model, input}</c> (plus <c>webhook</c>, <c>webhook_events</c>, <c>is_public</c>, <c>output_folder</c>) → <c>job_id</c>;
/// <c>GET /v1/predictions/{job_id}</c>; <c>DELETE /v1/predictions/{job_id}</c> cancels. Statuses pending, processing,
/// completed, failed, cancelled.
/// </summary>
internal sealed class CoreTodayEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary><c>{model, input}</c>: the card's fields sit in <c>input</c>, except the webhook and storage settings beside it.</summary>
    private static readonly BodyModelRules Rules = new()
    {
        Check = new BodyCheckOptions { Envelope = new HashSet<string>(StringComparer.Ordinal) { "model", "input" } },
        TopLevel = new HashSet<string>(StringComparer.Ordinal) { "webhook", "webhook_events", "is_public", "output_folder" },
    };

    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.CoreToday;

    public override string ProviderId => Id;

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [new("X-API-Key"), new("Authorization", "Bearer")];

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/predictions", CreateAsync);
        routes.MapGet("/v1/predictions/{id}", GetAsync);
        routes.MapDelete("/v1/predictions/{id}", CancelAsync);
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (await BeginCreateAsync(context, Rules).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var body = call.Body;
        var webhook = BodyValidator.String(body["webhook"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new WebhookTarget(uri, Events: body["webhook_events"] is JsonArray events ? [.. events.Select(e => BodyValidator.String(e) ?? "")] : null)
            : null;
        var job = CreateJob(context, call, "job_" + IdGenerator.Prefixed(""), webhook);
        if (await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            await JsonHttp.WriteAsync(context, 201, Job(job, job.CreatedAt)).ConfigureAwait(false);
        }
    }

    private async Task GetAsync(HttpContext context)
    {
        var job = FindJob(context.GetRouteValue("id") as string);
        if (await BeginAsync(context, CallKind.Status, job).ConfigureAwait(false) is null)
        {
            return;
        }

        await (job is null
            ? WriteErrorAsync(context, 404, "not_found", "Job not found.")
            : JsonHttp.WriteAsync(context, 200, Job(job, Runtime.Now))).ConfigureAwait(false);
    }

    private async Task CancelAsync(HttpContext context)
    {
        var job = FindJob(context.GetRouteValue("id") as string);
        if (await BeginAsync(context, CallKind.Cancel, job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (job is null)
        {
            await WriteErrorAsync(context, 404, "not_found", "Job not found.").ConfigureAwait(false);
            return;
        }

        var (before, canceled) = job.Cancel(Runtime.Now, onlyWhileQueued: false);
        if (!canceled && before != JobState.Canceled)
        {
            await WriteErrorAsync(context, 409, "conflict", $"Job {job.Id} has already finished ({Status(before)}).").ConfigureAwait(false);
            return;
        }

        await JsonHttp.WriteAsync(context, 200, Job(job, Runtime.Now)).ConfigureAwait(false);
    }

    private JsonObject Job(EmulatorJob job, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        return new JsonObject
        {
            ["job_id"] = job.Id,
            ["status"] = Status(state),
            ["provider"] = "replicate", // core.today's upstream for these models (seeds 000, 001)
            ["model"] = job.ProviderModelId,
            ["created_at"] = JsonHttp.Timestamp(job.CreatedAt),
            ["completed_at"] = state is JobState.Queued or JobState.Running ? null : JsonHttp.Timestamp(job.EndedAt),
            // Seed 000: "Result contains output URL(s) or data"; the emulator gives the URLs as result.output.
            ["result"] = state == JobState.Succeeded
                ? new JsonObject { ["output"] = new JsonArray([.. ImageUrls(job).Select(u => (JsonNode?)JsonValue.Create(u.ToString()))]) }
                : null,
            ["error"] = state switch
            {
                JobState.Failed => job.FailureMessage,
                JobState.Moderated => ReplicateSensitive,
                _ => null,
            },
        };
    }

    private const string ReplicateSensitive = Replicate.ReplicateEndpoints.SensitiveError;

    private static string Status(JobState state) => state switch
    {
        JobState.Queued => "pending",
        JobState.Running => "processing",
        JobState.Succeeded => "completed",
        JobState.Canceled => "cancelled",
        _ => "failed",
    };

    protected override Task OnJobEventAsync(EmulatorJob job, JobState state, DateTimeOffset at)
    {
        var status = Status(state);
        return state == JobState.Running || job.Webhook is not { } target || !target.Wants(status)
            ? Task.CompletedTask
            : SendWebhookAsync(job, status, Job(job, at));
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, FastApiErrors.Detail(message));

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 422, FastApiErrors.Validation(errors));
}

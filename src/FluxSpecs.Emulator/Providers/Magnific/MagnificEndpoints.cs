using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Magnific;

/// <summary>
/// Magnific (Freepik) tasks: <c>POST /v1/ai/text-to-image/{endpoint}</c> → <c>{data: {task_id, status: CREATED}}</c>;
/// <c>GET /v1/ai/text-to-image/{endpoint}/{task-id}</c> → <c>{data: {generated, task_id, status}}</c> with CREATED,
/// IN_PROGRESS, COMPLETED, FAILED; <c>GET /v1/ai/text-to-image/{endpoint}</c> lists tasks. <c>webhook_url</c> gets the GET
/// body without the <c>data</c> wrapper on each status change. Validation errors are Freepik's 400 with
/// <c>invalid_params</c>.
/// </summary>
internal sealed class MagnificEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.Magnific;

    public override string ProviderId => Id;

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [new("x-magnific-api-key"), new("x-freepik-api-key")];

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/ai/text-to-image/{endpoint}", CreateAsync);
        routes.MapGet("/v1/ai/text-to-image/{endpoint}/{id}", GetAsync);
        routes.MapGet("/v1/ai/text-to-image/{endpoint}", ListAsync);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var endpoint = context.GetRouteValue("endpoint") as string;
        if (await BeginCreateAsync(context, endpoint, $"Endpoint text-to-image/{endpoint} not found.").ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var webhook = BodyValidator.String(call.Body["webhook_url"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? new WebhookTarget(uri) : null;
        var job = CreateJob(context, call, IdGenerator.Uuid(), webhook);
        if (await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            await JsonHttp.WriteAsync(context, 200, new JsonObject { ["data"] = TaskJson(job, job.CreatedAt) }).ConfigureAwait(false);
        }
    }

    private async Task GetAsync(HttpContext context)
    {
        var job = FindJob(context.GetRouteValue("id") as string);
        if (job is not null && job.ProviderModelId != context.GetRouteValue("endpoint") as string)
        {
            job = null;
        }

        if (await BeginAsync(context, CallKind.Status, job).ConfigureAwait(false) is null)
        {
            return;
        }

        await (job is null
            ? WriteErrorAsync(context, 404, "not_found", "Task not found.")
            : JsonHttp.WriteAsync(context, 200, new JsonObject { ["data"] = TaskJson(job, Runtime.Now) })).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context)
    {
        if (await BeginAsync(context, CallKind.Status).ConfigureAwait(false) is null)
        {
            return;
        }

        var endpoint = context.GetRouteValue("endpoint") as string;
        var now = Runtime.Now;
        var tasks = Runtime.Jobs.Jobs.Where(j => j.ProviderId == ProviderId && j.ProviderModelId == endpoint)
            .Select(j => (JsonNode)new JsonObject { ["task_id"] = j.Id, ["status"] = Status(j.StateAt(now)) });
        await JsonHttp.WriteAsync(context, 200, new JsonObject { ["data"] = new JsonArray([.. tasks]) }).ConfigureAwait(false);
    }

    private JsonObject TaskJson(EmulatorJob job, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        return new JsonObject
        {
            ["generated"] = state == JobState.Succeeded
                ? new JsonArray([.. ImageUrls(job).Select(u => (JsonNode?)JsonValue.Create(u.ToString()))])
                : new JsonArray(),
            ["task_id"] = job.Id,
            ["status"] = Status(state),
        };
    }

    private static string Status(JobState state) => state switch
    {
        JobState.Queued => "CREATED",
        JobState.Running => "IN_PROGRESS",
        JobState.Succeeded => "COMPLETED",
        _ => "FAILED", // Magnific documents no moderated or canceled status
    };

    protected override Task OnJobEventAsync(EmulatorJob job, JobState state, DateTimeOffset at) =>
        SendWebhookAsync(job, Status(state), TaskJson(job, at));

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, new JsonObject { ["message"] = message });

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 400, new JsonObject
        {
            ["message"] = errors.Count == 1 ? errors[0].Message : $"{errors.Count} parameters are invalid.",
            ["invalid_params"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["reason"] = e.Message })]),
        });
}

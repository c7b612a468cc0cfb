using System.Globalization;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Vtrix;

/// <summary>
/// Vtrix (seed 002): <c>POST /model/v1/generation</c> with <c>{model: "flux_2_pro", prompt, …}</c> (the documented base
/// URL is <c>https://cloud.vtrix.ai/model/v1/generation</c>) → a task; <c>GET /model/v1/generation/{id}</c> polls it.
/// Statuses in_progress, completed, failed; <c>output[].content[{type, url}]</c>, <c>usage{cost, discount}</c>,
/// <c>error{code, message}</c>. The polling path is the emulator's choice: the seed documents polling but not its URL.
/// </summary>
internal sealed class VtrixEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary>The USD per output megapixel the emulator reports when the card has no price (Vtrix publishes none).</summary>
    private const decimal FallbackUsdPerMegapixel = 0.03m;

    /// <summary><c>{model, prompt, …}</c>: the card's fields beside the model.</summary>
    private static readonly BodyModelRules Rules = new()
    {
        Check = new BodyCheckOptions { Envelope = new HashSet<string>(StringComparer.Ordinal) { "model" } },
    };

    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.Vtrix;

    public override string ProviderId => Id;

    protected override string BadBodyCode => "invalid_request";

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [new("Authorization", "Bearer")];

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/model/v1/generation", CreateAsync);
        routes.MapGet("/model/v1/generation/{id}", GetAsync);
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (await BeginCreateAsync(context, Rules).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var job = CreateJob(context, call, IdGenerator.Uuid());
        if (await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            await JsonHttp.WriteAsync(context, 200, TaskJson(job, job.CreatedAt, call.Match)).ConfigureAwait(false);
        }
    }

    private async Task GetAsync(HttpContext context)
    {
        var job = FindJob(context.GetRouteValue("id") as string);
        if (await BeginAsync(context, CallKind.Status, job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (job is null || CardMatch.Find(Runtime.Options.Models, ProviderId, job.ProviderModelId) is not { } match)
        {
            await WriteErrorAsync(context, 404, "task_not_found", "Task not found.").ConfigureAwait(false);
            return;
        }

        await JsonHttp.WriteAsync(context, 200, TaskJson(job, Runtime.Now, match)).ConfigureAwait(false);
    }

    private JsonObject TaskJson(EmulatorJob job, DateTimeOffset now, CardMatch match)
    {
        var state = job.StateAt(now);
        var settings = job.Settings;
        var cost = CostEstimator.Estimate(match.Provider.Pricing, settings.Width, settings.Height, settings.InputImageCount)
            ?? (FallbackUsdPerMegapixel * Math.Ceiling((decimal)settings.Width * settings.Height / (1024 * 1024)));
        return new JsonObject
        {
            ["id"] = job.Id,
            ["model"] = job.ProviderModelId,
            ["status"] = state switch
            {
                JobState.Queued or JobState.Running => "in_progress",
                JobState.Succeeded => "completed",
                _ => "failed",
            },
            ["created_at"] = job.CreatedAt.ToUnixTimeSeconds(),
            ["output"] = state == JobState.Succeeded
                ? new JsonArray(new JsonObject
                {
                    ["content"] = new JsonArray([.. ImageUrls(job).Select(u => (JsonNode)new JsonObject { ["type"] = "image", ["url"] = u.ToString() })]),
                })
                : null,
            ["usage"] = state == JobState.Succeeded
                ? new JsonObject { ["cost"] = cost.ToString("0.######", CultureInfo.InvariantCulture), ["discount"] = 0 }
                : null,
            ["error"] = state switch
            {
                JobState.Failed => new JsonObject { ["code"] = "generation_failed", ["message"] = job.FailureMessage },
                JobState.Moderated => new JsonObject { ["code"] = "content_moderated", ["message"] = "The request or its output was blocked by moderation." },
                JobState.Canceled => new JsonObject { ["code"] = "cancelled", ["message"] = "The task was cancelled." },
                _ => null,
            },
            ["metadata"] = new JsonObject { ["width"] = settings.Width, ["height"] = settings.Height, ["seed"] = settings.Seed },
        };
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 422, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "invalid_parameter",
                ["message"] = string.Join(" ", errors.Select(e => e.Message)),
                ["details"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["rule"] = e.Rule, ["message"] = e.Message })]),
            },
        });
}

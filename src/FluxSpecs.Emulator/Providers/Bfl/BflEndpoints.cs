using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using FluxSpecs.Emulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Bfl;

/// <summary>
/// BFL's API: <c>POST /v1/{endpoint}</c> → <c>{id, polling_url, cost, input_mp, output_mp}</c>; <c>GET polling_url</c>
/// (<c>/v1/get_result?id=…</c>) → <c>{id, status, result, progress}</c> with Pending, Ready, Error, Request Moderated,
/// Content Moderated, Task not found. Webhooks go to <c>webhook_url</c>, signed with <c>webhook_secret</c>.
/// </summary>
internal sealed class BflEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.Bfl;

    public override string ProviderId => Id;

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [new("x-key")];

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/get_result", GetAsync);
        routes.MapPost("/v1/{endpoint}", CreateAsync);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var endpoint = context.GetRouteValue("endpoint") as string;
        if (await BeginCreateAsync(context, endpoint, $"Endpoint /v1/{endpoint} not found.").ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var body = call.Body;
        var settings = call.Settings;
        var pricing = call.Match.Provider.Pricing;
        var webhook = BodyValidator.String(body["webhook_url"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new WebhookTarget(uri, BodyValidator.String(body["webhook_secret"]))
            : null;
        var job = CreateJob(context, call, IdGenerator.Uuid(), webhook);
        if (!await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            return;
        }

        var rates = pricing?.PerMegapixel;
        var outputMp = rates is null ? settings.Width * settings.Height / 1_000_000m : CostEstimator.Megapixels(rates, (long)settings.Width * settings.Height, null);
        await JsonHttp.WriteAsync(context, 200, new JsonObject
        {
            ["id"] = job.Id,
            ["polling_url"] = PollingUrl(job),
            ["cost"] = CostEstimator.Estimate(pricing, settings.Width, settings.Height, settings.InputImageCount) is { } cost ? (double)cost : null,
            ["input_mp"] = (double)settings.InputImageCount,
            ["output_mp"] = (double)outputMp,
        }).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context)
    {
        var id = context.Request.Query["id"].ToString();
        var job = FindJob(id);
        if (await BeginAsync(context, CallKind.Status, job).ConfigureAwait(false) is null)
        {
            return;
        }

        await JsonHttp.WriteAsync(context, 200, job is null
            ? new JsonObject { ["id"] = id, ["status"] = "Task not found", ["result"] = null, ["progress"] = null }
            : Result(job, Runtime.Now)).ConfigureAwait(false);
    }

    private static string PollingUrl(EmulatorJob job) => new Uri(job.BaseAddress, "bfl/v1/get_result?id=" + job.Id).ToString();

    private JsonObject Result(EmulatorJob job, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        var progress = state switch
        {
            JobState.Queued => 0.0,
            JobState.Running => Math.Round((now - job.StartsAt) / job.RunTime, 2),
            _ => 1.0,
        };
        return new JsonObject
        {
            ["id"] = job.Id,
            ["status"] = state switch
            {
                JobState.Queued or JobState.Running => "Pending",
                JobState.Succeeded => "Ready",
                JobState.Moderated => job.ModeratedRequest ? "Request Moderated" : "Content Moderated",
                _ => "Error",
            },
            ["result"] = state == JobState.Succeeded
                ? new JsonObject
                {
                    ["sample"] = ImageUrls(job)[0].ToString(),
                    ["prompt"] = job.Settings.Prompt,
                    ["seed"] = job.Settings.Seed,
                    ["start_time"] = job.StartsAt.ToUnixTimeMilliseconds() / 1000.0,
                    ["end_time"] = job.CompletesAt.ToUnixTimeMilliseconds() / 1000.0,
                    ["duration"] = job.RunTime.TotalSeconds,
                }
                : null,
            ["progress"] = state is JobState.Queued or JobState.Running ? progress : null,
            ["details"] = state switch
            {
                JobState.Failed => new JsonObject { ["error"] = job.FailureMessage },
                JobState.Canceled => new JsonObject { ["error"] = "The task was canceled." },
                JobState.Moderated => new JsonObject { ["Moderation Reasons"] = new JsonArray("Emulated moderation") },
                _ => null,
            },
            ["preview"] = null,
        };
    }

    protected override Task OnJobEventAsync(EmulatorJob job, JobState state, DateTimeOffset at)
    {
        if (state == JobState.Running || job.Webhook is not { } target)
        {
            return Task.CompletedTask;
        }

        var payload = Result(job, at);
        return SendWebhookAsync(job, "completed", payload, body =>
            target.Secret is { Length: > 0 } secret ? [new(BflWebhookSigner.HeaderName, BflWebhookSigner.Sign(secret, body))] : []);
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, FastApiErrors.Detail(message));

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 422, FastApiErrors.Validation(errors));
}

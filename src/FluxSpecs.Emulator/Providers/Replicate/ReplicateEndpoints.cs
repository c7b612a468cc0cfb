using System.Globalization;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Replicate;

/// <summary>
/// Replicate's predictions API: <c>POST /v1/models/{owner}/{name}/predictions</c> (and <c>POST /v1/predictions</c> with
/// <c>version: "owner/name"</c>), <c>Prefer: wait[=N]</c>, <c>Cancel-After</c> (the prediction is canceled that long after its
/// creation; <c>aborted</c> when it had not started), <c>GET /v1/predictions/{id}</c>, <c>POST …/cancel</c>, and the
/// webhook secret at <c>GET /v1/webhooks/default/secret</c>. Webhooks are signed the Standard Webhooks way.
/// </summary>
internal sealed partial class ReplicateEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary>The error Replicate gives a prediction its safety checker flagged.</summary>
    public const string SensitiveError = "The input or output was flagged as sensitive. Please try again with different inputs. (E005)";

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "webhook", "webhook_events_filter" };

    /// <summary>The create header that sets a prediction's deadline, counted from its creation.</summary>
    private const string CancelAfterHeader = "Cancel-After";

    /// <summary>The job tag that keeps a prediction's <c>Cancel-After</c>, in seconds.</summary>
    private const string CancelAfterTag = "cancel_after_seconds";

    /// <summary>Replicate's shortest <c>Cancel-After</c>.</summary>
    private static readonly TimeSpan MinCancelAfter = TimeSpan.FromSeconds(5);

    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.Replicate;

    public override string ProviderId => Id;

    protected override IReadOnlyList<AuthRule> AuthRules { get; } =
        [new("Authorization", "Bearer"), new("Authorization", "Token")]; // replicate-python sends "Token"

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/{owner}/{name}/predictions", context =>
            CreateAsync(context, $"{context.GetRouteValue("owner")}/{context.GetRouteValue("name")}"));
        routes.MapPost("/v1/predictions", context => CreateAsync(context, modelId: null));
        routes.MapGet("/v1/predictions/{id}", GetAsync);
        routes.MapPost("/v1/predictions/{id}/cancel", CancelAsync);
        routes.MapGet("/v1/webhooks/default/secret", async context =>
        {
            if (await BeginAsync(context, CallKind.Status).ConfigureAwait(false) is not null)
            {
                await JsonHttp.WriteAsync(context, 200, new JsonObject { ["key"] = Runtime.ReplicateWebhookSecret }).ConfigureAwait(false);
            }
        });
    }

    private async Task CreateAsync(HttpContext context, string? modelId)
    {
        // Replicate reads the body before it looks the model up, even when the path names it; POST /v1/predictions names
        // it in "version", as "owner/name" or "owner/name:version".
        var rules = new BodyModelRules
        {
            ModelId = body => modelId ?? BodyValidator.String(body["version"])?.Split(':')[0],
            NotFound = id => $"Model {id ?? "(none)"} was not found.",
            Check = new BodyCheckOptions { Envelope = new HashSet<string>(StringComparer.Ordinal) { "input", "stream", "version" } },
            TopLevel = TopLevel,
        };
        if (await BeginCreateAsync(context, rules).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        TimeSpan? cancelAfter = null;
        if (context.Request.Headers[CancelAfterHeader].ToString() is { Length: > 0 } deadline)
        {
            if (ParseCancelAfter(deadline) is not { } parsed || parsed < MinCancelAfter)
            {
                await WriteErrorAsync(context, 400, "invalid_cancel_after", $"{CancelAfterHeader}: '{deadline}' is not a duration of at least 5 seconds (e.g. 30s, 5m, 1h30m45s; a bare number is seconds).").ConfigureAwait(false);
                return;
            }

            cancelAfter = parsed;
        }

        var body = call.Body;
        var webhook = BodyValidator.String(body["webhook"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new WebhookTarget(uri, Events: body["webhook_events_filter"] is JsonArray events ? [.. events.Select(e => BodyValidator.String(e) ?? "")] : null)
            : null;
        var job = CreateJob(
            context,
            call,
            IdGenerator.Replicate(),
            webhook,
            cancelAfter is { } after ? new Dictionary<string, string> { [CancelAfterTag] = ((long)after.TotalSeconds).ToString(CultureInfo.InvariantCulture) } : null);
        if (cancelAfter is { } lifetime)
        {
            // Replicate counts the deadline from the prediction's creation.
            Runtime.CancelAt(job, job.CreatedAt + lifetime);
        }

        if (PreferredWait(context) is { } wait)
        {
            await Runtime.WaitAsync(job, wait, context.RequestAborted).ConfigureAwait(false);
        }

        if (!await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            return;
        }

        var prediction = Prediction(job, Runtime.Now);
        context.Response.Headers.Location = prediction["urls"]!["get"]!.GetValue<string>();
        await JsonHttp.WriteAsync(context, 201, prediction).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context)
    {
        var job = FindJob(context.GetRouteValue("id") as string);
        if (await BeginAsync(context, CallKind.Status, job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (job is null)
        {
            await WriteErrorAsync(context, 404, "not_found", "Prediction not found.").ConfigureAwait(false);
            return;
        }

        await JsonHttp.WriteAsync(context, 200, Prediction(job, Runtime.Now)).ConfigureAwait(false);
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
            await WriteErrorAsync(context, 404, "not_found", "Prediction not found.").ConfigureAwait(false);
            return;
        }

        // Replicate answers a cancel of a finished prediction with the prediction, unchanged.
        job.Cancel(Runtime.Now, onlyWhileQueued: false);
        await JsonHttp.WriteAsync(context, 200, Prediction(job, Runtime.Now)).ConfigureAwait(false);
    }

    /// <summary>The prediction object at <paramref name="now"/>.</summary>
    internal JsonObject Prediction(EmulatorJob job, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        var self = new Uri(job.BaseAddress, $"replicate/v1/predictions/{job.Id}").ToString();
        var ended = state is JobState.Succeeded or JobState.Failed or JobState.Canceled or JobState.Moderated;
        return new JsonObject
        {
            ["id"] = job.Id,
            ["model"] = job.ProviderModelId,
            ["version"] = "hidden",
            ["input"] = job.Request.DeepClone(),
            ["logs"] = state == JobState.Queued ? "" : "Generating (FluxSpecs emulator)...\n",
            ["output"] = state == JobState.Succeeded ? ImageUrls(job)[0].ToString() : null,
            ["data_removed"] = false,
            ["error"] = state switch
            {
                JobState.Failed => job.FailureMessage,
                JobState.Moderated => SensitiveError,
                _ => null,
            },
            ["status"] = state switch
            {
                JobState.Queued => "starting",
                JobState.Running => "processing",
                JobState.Succeeded => "succeeded",
                JobState.Canceled when Aborted(job) => "aborted",
                JobState.Canceled => "canceled",
                _ => "failed",
            },
            ["source"] = "api",
            ["created_at"] = JsonHttp.Timestamp(job.CreatedAt),
            ["started_at"] = state == JobState.Queued || (state == JobState.Canceled && job.EndedAt < job.StartsAt) ? null : JsonHttp.Timestamp(job.StartsAt),
            ["completed_at"] = ended ? JsonHttp.Timestamp(job.EndedAt) : null,
            ["urls"] = new JsonObject
            {
                ["get"] = self,
                ["cancel"] = self + "/cancel",
                ["stream"] = self + "/stream",
                ["web"] = self,
            },
            ["metrics"] = state == JobState.Succeeded ? new JsonObject { ["predict_time"] = job.RunTime.TotalSeconds } : new JsonObject(),
        };
    }

    protected override async Task OnJobEventAsync(EmulatorJob job, JobState state, DateTimeOffset at)
    {
        if (job.Webhook is not { } target)
        {
            return;
        }

        var eventName = state == JobState.Running ? "start" : "completed";
        if (!target.Wants(eventName))
        {
            return;
        }

        var secret = Runtime.ReplicateWebhookSecret;
        var messageId = $"msg_{job.Id}_{eventName}";
        await SendWebhookAsync(job, eventName, Prediction(job, at), body =>
        {
            var timestamp = Runtime.Now.ToUnixTimeSeconds();
            return
            [
                new("webhook-id", messageId),
                new("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
                new("webhook-signature", Webhooks.StandardWebhookSigner.Sign(secret, messageId, timestamp, body)),
            ];
        }).ConfigureAwait(false);
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, new JsonObject
        {
            ["title"] = status switch
            {
                401 => "Unauthenticated",
                404 => "Not found",
                429 => "Request was throttled",
                400 => "Bad request",
                _ => "Internal server error",
            },
            ["detail"] = message,
            ["status"] = status,
        });

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 422, new JsonObject
        {
            ["title"] = "Input validation failed",
            ["detail"] = string.Join("\n", errors.Select(e => "- " + e.Message)),
            ["status"] = 422,
            ["invalid_fields"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
            {
                ["type"] = e.Rule,
                ["field"] = e.Field,
                ["description"] = e.Message,
            })]),
        });

    /// <summary>
    /// A <c>Cancel-After</c> value as Replicate reads it: whole numbers with <c>h</c>, <c>m</c> and <c>s</c> suffixes in that
    /// order (<c>1h30m45s</c>, <c>90s</c>), or a bare number of seconds; null when it is not one.
    /// </summary>
    internal static TimeSpan? ParseCancelAfter(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            return bare <= 86_400 * 365 ? TimeSpan.FromSeconds(bare) : null;
        }

        var match = CancelAfterPattern().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<h>\d{1,6})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,8})s)?$")]
    private static partial System.Text.RegularExpressions.Regex CancelAfterPattern();

    /// <summary>
    /// Replicate calls a prediction its deadline ended before it started <c>aborted</c> (and does not charge it); one
    /// canceled while running stays <c>canceled</c>.
    /// </summary>
    private static bool Aborted(EmulatorJob job) =>
        job.Tags.TryGetValue(CancelAfterTag, out var seconds)
        && job.CanceledAt is { } canceled
        && canceled < job.StartsAt
        && canceled >= job.CreatedAt + TimeSpan.FromSeconds(long.Parse(seconds, CultureInfo.InvariantCulture));

    private TimeSpan? PreferredWait(HttpContext context)
    {
        var prefer = context.Request.Headers["Prefer"].ToString().Trim();
        if (!prefer.StartsWith("wait", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var max = Runtime.Options.MaxWait;
        var equals = prefer.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && int.TryParse(prefer.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 1, max.TotalSeconds))
            : max;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Hosting;

/// <summary>
/// The part every emulated provider shares: its key check, fault injection for each call, job creation from a validated
/// body, and the job's events (webhooks). A provider adds its paths, its vocabulary and its response shapes.
/// </summary>
internal abstract class ProviderEndpoints(EmulatorRuntime runtime)
{
    protected EmulatorRuntime Runtime { get; } = runtime;

    /// <summary>The provider id, which is also the first path segment.</summary>
    public abstract string ProviderId { get; }

    /// <summary>The ways the provider takes its key; any one is enough.</summary>
    protected abstract IReadOnlyList<AuthRule> AuthRules { get; }

    /// <summary>False for endpoints anyone may call (image downloads, like the providers' delivery URLs).</summary>
    protected virtual bool RequiresKey => true;

    /// <summary>Maps the provider's own paths on a group at <c>/{ProviderId}</c>.</summary>
    public abstract void Map(IEndpointRouteBuilder routes);

    /// <summary>
    /// Maps the provider's other hosts, each under its own first path segment on <paramref name="endpoints"/> (fal's
    /// synchronous fal.run under <c>/fal-run/</c>); none by default.
    /// </summary>
    public virtual void MapOtherHosts(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Writes an error (401, 404, 409, 429, 5xx …) in the provider's shape.</summary>
    protected abstract Task WriteErrorAsync(HttpContext context, int status, string code, string message);

    /// <summary>Writes a body-validation failure in the provider's shape (422 unless the provider uses another status).</summary>
    protected abstract Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors);

    /// <summary>Called when a job starts running and when it ends, with the time it happened; sends the provider's webhook.</summary>
    protected virtual Task OnJobEventAsync(EmulatorJob job, JobState state, DateTimeOffset at) => Task.CompletedTask;

    /// <summary>
    /// Checks the key and applies the faults aimed at this call. Returns null when the call has been answered (401, a
    /// fault) or its connection dropped; otherwise the scope of a create call, whose drop and delay apply after the job
    /// exists (see <see cref="FinishCreateAsync"/>).
    /// </summary>
    protected async Task<CallScope?> BeginAsync(HttpContext context, CallKind kind, EmulatorJob? job = null, byte[]? body = null)
    {
        if (RequiresKey && !IsAuthorized(context))
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", UnauthorizedMessage()).ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<Fault> requested;
        try
        {
            requested = Fault.ParseList(context.Request.Headers[Fault.HeaderName].ToString());
        }
        catch (FormatException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_emulator_fault", $"{Fault.HeaderName}: {e.Message}").ConfigureAwait(false);
            return null;
        }

        var key = kind == CallKind.Create ? JobKey(context, body ?? []) : "";
        if (kind == CallKind.Create)
        {
            Runtime.Jobs.RecordAttempt(key);
        }

        var now = new List<Fault>(requested.Where(f => f.On is null || f.On == kind));
        if (job?.TakeFault(kind) is { } attached)
        {
            now.Add(attached);
        }

        if (Runtime.Options.Faults.Next(kind, job?.ProviderId ?? ProviderId) is { } planned)
        {
            now.Add(planned);
        }

        var delay = TimeSpan.FromTicks(now.Where(f => f.Kind == FaultKind.Slow).Sum(f => f.Delay.Ticks));
        var drop = now.Any(f => f.Kind == FaultKind.Drop);
        var garbage = now.Any(f => f.Kind == FaultKind.Garbage);
        var answer = now.FirstOrDefault(f => f.Kind is FaultKind.RateLimited or FaultKind.ServerError or FaultKind.Refused);

        if (answer is not null)
        {
            await DelayAsync(delay, context).ConfigureAwait(false);
            await WriteFaultAsync(context, answer).ConfigureAwait(false);
            return null;
        }

        if (kind == CallKind.Stream)
        {
            // A stream opens, then breaks: drop and garbage take the place of its second event (see FalStatusStream).
            await DelayAsync(delay, context).ConfigureAwait(false);
            return new CallScope { JobKey = key, Drop = drop, Garbage = garbage };
        }

        if (kind != CallKind.Create)
        {
            await DelayAsync(delay, context).ConfigureAwait(false);
            if (drop)
            {
                context.Abort();
                return null;
            }

            if (garbage)
            {
                await WriteGarbageAsync(context).ConfigureAwait(false);
                return null;
            }

            return new CallScope { JobKey = key };
        }

        return new CallScope
        {
            JobKey = key,
            Delay = delay,
            Drop = drop,
            Garbage = garbage,
            Outcome = now.FirstOrDefault(f => f.DecidesOutcome),
            Attach = [.. requested.Where(f => f.On is { } on && on != CallKind.Create && !f.DecidesOutcome)],
        };
    }

    /// <summary>The code of the 400 for a create body that is not a JSON object (only Vtrix's and Lumenfall's errors show it).</summary>
    protected virtual string BadBodyCode => "bad_request";

    /// <summary>
    /// A create call that passed the checks every provider makes, ready for <see cref="CreateJob"/>: its faults, the
    /// card it names, the body it sent, the object holding the card's fields (the body, or its <c>input</c>) and what
    /// that object asks to render.
    /// </summary>
    protected sealed record CreateCall(CallScope Scope, CardMatch Match, JsonObject Body, JsonObject Input, GenerationSettings Settings)
    {
        /// <summary>Fields the provider does not know, accepted and ignored (never set when the emulator is strict).</summary>
        public IReadOnlyList<string> IgnoredFields { get; init; } = [];
    }

    /// <summary>The create response's header listing the fields that were ignored, comma-separated.</summary>
    public const string IgnoredFieldsHeader = "X-Emulator-Ignored-Fields";

    /// <summary>How a provider whose create body names the model reads and checks it; the only ways those providers differ.</summary>
    protected sealed record BodyModelRules
    {
        /// <summary>The model id, read once the body is known to be an object; by default its <c>model</c> field.</summary>
        public Func<JsonObject, string?> ModelId { get; init; } = static body => BodyValidator.String(body["model"]);

        /// <summary>
        /// The first sentence of a 404 for an unknown model (Replicate); null answers it as an invalid <c>model</c> field,
        /// as core.today, Vtrix and Lumenfall do.
        /// </summary>
        public Func<string?, string>? NotFound { get; init; }

        /// <summary>How the body (with <see cref="TopLevel"/>: its top level) is checked.</summary>
        public BodyCheckOptions Check { get; init; } = new();

        /// <summary>
        /// Set when the card's fields sit in an <c>input</c> object (Replicate, core.today): the fields that stay beside
        /// it (webhook settings). Null when they are all at the top level.
        /// </summary>
        public IReadOnlySet<string>? TopLevel { get; init; }
    }

    /// <summary>
    /// The start of a create call whose path names the model (BFL, fal, Magnific): reads the body, checks the key and
    /// faults, finds the card, refuses a body that is not an object and validates it. Returns null when it has answered.
    /// <paramref name="notFound"/> is the first sentence of the 404 for an unknown model; the known ids follow it.
    /// </summary>
    protected async Task<CreateCall?> BeginCreateAsync(HttpContext context, string? modelId, string notFound)
    {
        var (raw, body, error) = await JsonHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (await BeginAsync(context, CallKind.Create, body: raw).ConfigureAwait(false) is not { } scope)
        {
            return null;
        }

        // These APIs route on the path before they read the body, so an unknown model is a 404 even when the body is broken.
        if (CardMatch.Find(Runtime.Options.Models, ProviderId, modelId) is not { } match)
        {
            await WriteModelNotFoundAsync(context, notFound).ConfigureAwait(false);
            return null;
        }

        if (body is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, BadBodyCode, error!).ConfigureAwait(false);
            return null;
        }

        return await CheckCreateAsync(context, scope, match, body, new BodyCheckOptions(), topLevel: null).ConfigureAwait(false);
    }

    /// <summary>
    /// The start of a create call whose body names the model (core.today, Vtrix, Lumenfall, Replicate): reads the body,
    /// checks the key and faults, refuses a body that is not an object, finds the card and validates the body. Returns
    /// null when it has answered.
    /// </summary>
    protected async Task<CreateCall?> BeginCreateAsync(HttpContext context, BodyModelRules rules)
    {
        var (raw, body, error) = await JsonHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (await BeginAsync(context, CallKind.Create, body: raw).ConfigureAwait(false) is not { } scope)
        {
            return null;
        }

        // The model is read from the body, so the body must be an object before there is a model to look up.
        if (body is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, BadBodyCode, error!).ConfigureAwait(false);
            return null;
        }

        return await FindAndCheckAsync(context, scope, body, rules).ConfigureAwait(false);
    }

    /// <summary>
    /// The rest of <see cref="BeginCreateAsync(HttpContext, BodyModelRules)"/>, once the call has its scope and an object
    /// body: finds the card the body names and validates the body, with <paramref name="more"/> errors reported after the
    /// body's own (Lumenfall's edits, whose body is built from a form, start here).
    /// </summary>
    protected async Task<CreateCall?> FindAndCheckAsync(HttpContext context, CallScope scope, JsonObject body, BodyModelRules rules, IEnumerable<BodyError>? more = null)
    {
        var modelId = rules.ModelId(body);
        if (CardMatch.Find(Runtime.Options.Models, ProviderId, modelId) is { } match)
        {
            return await CheckCreateAsync(context, scope, match, body, rules.Check, rules.TopLevel, more).ConfigureAwait(false);
        }

        await (rules.NotFound is { } notFound
            ? WriteModelNotFoundAsync(context, notFound(modelId))
            : WriteInvalidAsync(context, [new BodyError("model", "model", "values", $"model must be one of {string.Join(", ", CardMatch.KnownIds(Runtime.Options.Models, ProviderId))}, but is {modelId ?? "missing"}.")])).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Validates a create body against its card (see <see cref="BodyModelRules.TopLevel"/> for <paramref name="topLevel"/>);
    /// writes the provider's error and returns null when it breaks a rule.
    /// </summary>
    private async Task<CreateCall?> CheckCreateAsync(
        HttpContext context,
        CallScope scope,
        CardMatch match,
        JsonObject body,
        BodyCheckOptions check,
        IReadOnlySet<string>? topLevel,
        IEnumerable<BodyError>? more = null)
    {
        var schema = match.Schema;
        var input = body;
        IEnumerable<BodyError> errors;
        if (topLevel is null)
        {
            errors = BodyValidator.Validate(schema, body, check);
        }
        else
        {
            // The top level is checked for its own fields, then the input object for the rest; a missing input is one
            // more error, and an empty one stands in for it so its required fields are reported too.
            var missing = new List<BodyError>();
            if (body["input"] is not JsonObject nested)
            {
                missing.Add(new BodyError("input", "input", "required", "input is required and must be an object."));
                nested = [];
            }

            input = nested;
            errors = BodyValidator.Validate(schema, body, check with { Include = f => topLevel.Contains(f.Name) })
                .Concat(missing)
                .Concat(BodyValidator.Validate(schema, input, new BodyCheckOptions { Path = "input.", Include = f => !topLevel.Contains(f.Name) }));
        }

        // What the provider does not know it ignores; only a strict emulator refuses it.
        var all = errors.Concat(more ?? []).ToList();
        List<string> ignored = Runtime.Options.Strict ? [] : all.Where(e => e.IsUnknownField).Select(e => e.Field).Distinct(StringComparer.Ordinal).ToList();
        var found = all.Where(e => Runtime.Options.Strict || !e.IsUnknownField).ToList();

        // The pixel budget is a rule across fields, checked on a body whose fields are each valid.
        if (found.Count == 0 && BodyValidator.CheckPixelBudget(schema, input, topLevel is null ? check.Path : "input.", check.FormValues) is { } overBudget)
        {
            found.Add(overBudget);
        }

        if (!await AcceptAsync(context, found).ConfigureAwait(false))
        {
            return null;
        }

        if (ignored.Count > 0)
        {
            context.Response.Headers[IgnoredFieldsHeader] = string.Join(',', ignored);
        }

        return new CreateCall(scope, match, body, input, SettingsResolver.Resolve(schema, input, check.FormValues)) { IgnoredFields = ignored };
    }

    private Task WriteModelNotFoundAsync(HttpContext context, string notFound) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, "not_found", $"{notFound} The emulator's cards give {ProviderId}: {string.Join(", ", CardMatch.KnownIds(Runtime.Options.Models, ProviderId))}.");

    /// <summary>After a create made its job: waits for a slow fault, drops the connection or answers garbage. False when it did either.</summary>
    protected static async Task<bool> FinishCreateAsync(HttpContext context, CallScope scope)
    {
        await DelayAsync(scope.Delay, context).ConfigureAwait(false);
        if (scope.Drop)
        {
            context.Abort();
            return false;
        }

        if (scope.Garbage)
        {
            await WriteGarbageAsync(context).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>A 200 answer that says it is JSON and is not: the document stops in the middle of a string.</summary>
    private static async Task WriteGarbageAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync("{\"id\": \"emulator-garbage\", \"status\": \"succ", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates and starts a job from a validated create call. The job reports <paramref name="providerModelId"/> as its
    /// model, by default the card's (non-edit) provider model id; fal gives the path it was called on.
    /// </summary>
    protected EmulatorJob CreateJob(
        HttpContext context,
        CreateCall call,
        string id,
        WebhookTarget? webhook = null,
        IReadOnlyDictionary<string, string>? tags = null,
        string? providerModelId = null)
    {
        var scope = call.Scope;
        var outcome = scope.Outcome;
        var job = new EmulatorJob(
            id,
            ProviderId,
            scope.JobKey,
            call.Match.Model.Id,
            providerModelId ?? call.Match.Provider.ModelId,
            call.Input,
            call.Settings,
            Runtime.Now,
            Runtime.Options.QueueTime,
            Runtime.Options.RunTime,
            JsonHttp.BaseAddress(context))
        {
            Outcome = outcome?.Kind switch
            {
                FaultKind.Fail => JobState.Failed,
                FaultKind.Moderate => JobState.Moderated,
                _ => JobState.Succeeded,
            },
            FailureMessage = outcome?.Kind == FaultKind.Fail ? outcome.Message ?? "The emulator failed this job as asked (fault 'fail')." : null,
            ModeratedRequest = outcome?.ModerateRequest ?? false,
            Webhook = webhook,
            Tags = tags ?? new Dictionary<string, string>(),
            IgnoredFields = call.IgnoredFields,
        };

        foreach (var fault in scope.Attach)
        {
            job.AttachFault(fault);
        }

        Runtime.Start(job, OnJobEventAsync);
        return job;
    }

    /// <summary>Writes the provider's validation error and returns false when there are errors.</summary>
    private async Task<bool> AcceptAsync(HttpContext context, IEnumerable<BodyError> errors)
    {
        var list = errors.ToList();
        if (list.Count == 0)
        {
            return true;
        }

        await WriteInvalidAsync(context, list).ConfigureAwait(false);
        return false;
    }

    /// <summary>The job with <paramref name="id"/> if it belongs to this provider.</summary>
    protected EmulatorJob? FindJob(string? id) =>
        id is not null && Runtime.Jobs.Find(id) is { } job && job.ProviderId == ProviderId ? job : null;

    /// <summary>The absolute URLs of a succeeded job's images.</summary>
    protected IReadOnlyList<Uri> ImageUrls(EmulatorJob job) => [.. Runtime.Files.For(job).Select(f => f.UrlOn(job.BaseAddress))];

    /// <summary>Sends a JSON webhook if the job asked for one.</summary>
    protected Task SendWebhookAsync(EmulatorJob job, string eventName, JsonNode payload, Func<byte[], IReadOnlyList<KeyValuePair<string, string>>>? sign = null)
    {
        if (job.Webhook is not { } target)
        {
            return Task.CompletedTask;
        }

        var body = JsonHttp.Serialize(payload);
        return Runtime.SendWebhookAsync(job, eventName, target.Url, body, sign?.Invoke(body) ?? []);
    }

    protected static string UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private string UnauthorizedMessage() =>
        $"Missing or invalid credentials for {ProviderId}: send {string.Join(" or ", AuthRules)}.";

    private bool IsAuthorized(HttpContext context)
    {
        Runtime.Options.ApiKeys.TryGetValue(ProviderId, out var expected);
        foreach (var rule in AuthRules)
        {
            var value = context.Request.Headers[rule.Header].ToString().Trim();
            if (value.Length == 0)
            {
                continue;
            }

            string key;
            if (rule.Scheme is null)
            {
                key = value;
            }
            else if (value.Length > rule.Scheme.Length && value.StartsWith(rule.Scheme + " ", StringComparison.OrdinalIgnoreCase))
            {
                key = value[(rule.Scheme.Length + 1)..].Trim();
            }
            else
            {
                continue;
            }

            if (key.Length > 0 && (expected is null || FixedTimeEquals(key, expected)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private string JobKey(HttpContext context, byte[] body)
    {
        var explicitKey = context.Request.Headers[JobKeys.HeaderName].ToString();
        if (explicitKey.Length == 0)
        {
            explicitKey = context.Request.Headers["Idempotency-Key"].ToString();
        }

        return explicitKey.Length > 0 ? explicitKey : JobKeys.FromBody(ProviderId, context.Request.Path.Value ?? "", body);
    }

    private Task WriteFaultAsync(HttpContext context, Fault fault)
    {
        if (fault.Kind == FaultKind.RateLimited)
        {
            var seconds = Math.Max(0, (int)Math.Ceiling(fault.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited", fault.Message ?? FormattableString.Invariant($"Request was throttled. Your rate limit resets in ~{seconds}s."));
        }

        if (fault.Kind == FaultKind.Refused)
        {
            var (code, refusal) = fault.StatusCode switch
            {
                401 => ("unauthorized", "Invalid credentials (injected by the emulator)."),
                403 => ("forbidden", "Not allowed (injected by the emulator)."),
                404 => ("not_found", "Not found (injected by the emulator)."),
                422 => ("invalid_request", "The request was refused as invalid (injected by the emulator)."),
                _ => ("bad_request", "The request was refused (injected by the emulator)."),
            };
            return WriteErrorAsync(context, fault.StatusCode, code, fault.Message ?? refusal);
        }

        var message = fault.Message ?? fault.StatusCode switch
        {
            502 => "Bad gateway (injected by the emulator).",
            503 => "Service temporarily unavailable (injected by the emulator).",
            504 => "Gateway timeout (injected by the emulator).",
            _ => "Internal server error (injected by the emulator).",
        };
        return WriteErrorAsync(context, fault.StatusCode, "server_error", message);
    }

    private static Task DelayAsync(TimeSpan delay, HttpContext context) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, context.RequestAborted) : Task.CompletedTask;
}

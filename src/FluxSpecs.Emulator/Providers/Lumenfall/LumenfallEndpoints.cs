using System.Globalization;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Lumenfall;

/// <summary>
/// Lumenfall's OpenAI-compatible API: <c>POST /openai/v1/images/generations</c> (JSON) and <c>POST
/// /openai/v1/images/edits</c> (multipart, <c>image</c> or <c>image[]</c> file parts), both synchronous, answering
/// <c>{created, data: [{url | b64_json, revised_prompt}]}</c> with <c>X-Lumenfall-Provider</c>, <c>-Model</c> and
/// <c>-Request-Id</c> headers. Errors are OpenAI-shaped with Lumenfall's codes (<c>RATE_LIMITED</c>,
/// <c>ALL_PROVIDERS_EXHAUSTED</c> …). Fields the card does not know are accepted (Lumenfall passes them upstream; the
/// emulator has no upstream, so it ignores and lists them) unless the emulator is strict.
/// </summary>
internal sealed class LumenfallEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    /// <summary>The provider id this folder serves.</summary>
    public const string Id = ProviderIds.Lumenfall;

    public override string ProviderId => Id;

    protected override string BadBodyCode => "INVALID_REQUEST";

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [new("Authorization", "Bearer")];

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/openai/v1/images/generations", GenerateAsync);
        routes.MapPost("/openai/v1/images/edits", EditAsync);
    }

    private async Task GenerateAsync(HttpContext context)
    {
        if (await BeginCreateAsync(context, Rules(formValues: false)).ConfigureAwait(false) is { } call)
        {
            await RunAsync(context, call).ConfigureAwait(false);
        }
    }

    private async Task EditAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            if (await BeginAsync(context, CallKind.Create, body: []).ConfigureAwait(false) is not null)
            {
                await WriteErrorAsync(context, 400, "INVALID_REQUEST", "images/edits takes multipart/form-data.").ConfigureAwait(false);
            }

            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var body = new JsonObject();
        foreach (var (name, values) in form)
        {
            body[name] = values.Count == 1 ? JsonValue.Create(values.ToString()) : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        // File parts become data URIs under the card's image field, so the one validator checks count and formats.
        var images = new JsonArray();
        foreach (var file in form.Files.Where(f => f.Name is "image" or "image[]"))
        {
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, context.RequestAborted).ConfigureAwait(false);
            var mediaType = FluxSpecs.Images.ImageFormats.Sniff(stream.GetBuffer().AsSpan(0, (int)stream.Length)) is { } format
                ? FluxSpecs.Images.ImageFormats.ToMediaType(format)
                : file.ContentType ?? "application/octet-stream";
            images.Add($"data:{mediaType};base64,{Convert.ToBase64String(stream.ToArray())}");
        }

        var raw = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString() + images.Count.ToString(CultureInfo.InvariantCulture));
        if (await BeginAsync(context, CallKind.Create, body: raw).ConfigureAwait(false) is not { } scope)
        {
            return;
        }

        var more = new List<BodyError>();
        var modelId = BodyValidator.String(body["model"]);
        var imageField = CardMatch.Find(Runtime.Options.Models, ProviderId, modelId)?.Schema.Fields.Values.FirstOrDefault(f => f.Kind == WireKind.ImageFiles)?.Name ?? "image";
        if (images.Count == 0)
        {
            more.Add(new BodyError(imageField, "input_images", "required", $"{imageField} is required: send at least one image file part."));
        }
        else
        {
            body[imageField] = images;
        }

        // The form was read and the call begun above; the model lookup and validation are the same as for generations.
        if (await FindAndCheckAsync(context, scope, body, Rules(formValues: true), more).ConfigureAwait(false) is { } call)
        {
            await RunAsync(context, call).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>{model, prompt, …}</c>: the card's fields beside the model; an edit's values come from a form.
    /// </summary>
    private static BodyModelRules Rules(bool formValues) => new()
    {
        Check = new BodyCheckOptions { Envelope = new HashSet<string>(StringComparer.Ordinal) { "model" }, FormValues = formValues },
    };

    private async Task RunAsync(HttpContext context, CreateCall call)
    {
        var job = CreateJob(context, call, IdGenerator.Prefixed("req_"));
        await Runtime.WaitAsync(job, Runtime.Options.MaxWait, context.RequestAborted).ConfigureAwait(false);
        if (!await FinishCreateAsync(context, call.Scope).ConfigureAwait(false))
        {
            return;
        }

        context.Response.Headers["X-Lumenfall-Provider"] = "fluxspecs-emulator";
        context.Response.Headers["X-Lumenfall-Model"] = call.Match.Provider.ModelId;
        context.Response.Headers["X-Lumenfall-Request-Id"] = job.Id;

        switch (job.StateAt(Runtime.Now))
        {
            case JobState.Succeeded:
                var base64 = BodyValidator.String(call.Body["response_format"]) == "b64_json";
                var data = Runtime.Files.For(job).Select(f => (JsonNode)new JsonObject
                {
                    [base64 ? "b64_json" : "url"] = base64 ? Convert.ToBase64String(f.Bytes) : f.UrlOn(job.BaseAddress).ToString(),
                    ["revised_prompt"] = call.Settings.Prompt,
                });
                await JsonHttp.WriteAsync(context, 200, new JsonObject { ["created"] = job.CreatedAt.ToUnixTimeSeconds(), ["data"] = new JsonArray([.. data]) }).ConfigureAwait(false);
                return;
            case JobState.Moderated:
                await WriteErrorAsync(context, 400, "CONTENT_POLICY_VIOLATION", "The request was rejected by the provider's content policy.").ConfigureAwait(false);
                return;
            case JobState.Failed:
                await WriteErrorAsync(context, 502, "ALL_PROVIDERS_EXHAUSTED", job.FailureMessage ?? "Every provider failed.").ConfigureAwait(false);
                return;
            default:
                await WriteErrorAsync(context, 504, "TIMEOUT", "The generation did not finish in time.").ConfigureAwait(false);
                return;
        }
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        var (type, lumenfallCode) = status switch
        {
            401 => ("authentication_error", "INVALID_API_KEY"),
            404 => ("invalid_request_error", "NOT_FOUND"),
            429 => ("rate_limit_error", "RATE_LIMITED"),
            502 when code == "server_error" => ("api_error", "ALL_PROVIDERS_EXHAUSTED"),
            >= 500 when code == "server_error" => ("api_error", "PROVIDER_ERROR"),
            >= 500 => ("api_error", code),
            _ => ("invalid_request_error", code),
        };
        return JsonHttp.WriteAsync(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = lumenfallCode, ["param"] = null },
        });
    }

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        JsonHttp.WriteAsync(context, 400, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = string.Join(" ", errors.Select(e => e.Message)),
                ["type"] = "invalid_request_error",
                ["code"] = "INVALID_PARAMETER",
                ["param"] = errors[0].Field,
                ["details"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["param"] = e.Field, ["rule"] = e.Rule, ["message"] = e.Message })]),
            },
        });
}

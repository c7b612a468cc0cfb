using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Hosting;

/// <summary>
/// The emulator's own API under <c>/_emulator/</c>, for tests and the CLI: jobs and their states, create counters,
/// webhook deliveries, and a cancel that works for every provider (BFL, Vtrix and Magnific have no cancel call).
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorRuntime runtime)
    {
        routes.MapGet("/", context => JsonHttp.WriteAsync(context, 200, Index(context, runtime)));
        routes.MapGet("/_emulator/jobs", context =>
            JsonHttp.WriteAsync(context, 200, new JsonArray([.. runtime.Jobs.Jobs.Select(j => (JsonNode)Describe(j, runtime.Now))])));
        routes.MapGet("/_emulator/jobs/{id}", context =>
            runtime.Jobs.Find(context.GetRouteValue("id") as string ?? "") is { } job
                ? JsonHttp.WriteAsync(context, 200, Describe(job, runtime.Now))
                : JsonHttp.WriteAsync(context, 404, new JsonObject { ["error"] = "No such job." }));
        routes.MapPost("/_emulator/jobs/{id}/cancel", context =>
        {
            if (runtime.Jobs.Find(context.GetRouteValue("id") as string ?? "") is not { } job)
            {
                return JsonHttp.WriteAsync(context, 404, new JsonObject { ["error"] = "No such job." });
            }

            var (_, canceled) = job.Cancel(runtime.Now, onlyWhileQueued: false);
            return JsonHttp.WriteAsync(context, canceled ? 200 : 409, Describe(job, runtime.Now));
        });
        routes.MapGet("/_emulator/creates", context =>
            JsonHttp.WriteAsync(context, 200, new JsonObject([.. runtime.Jobs.CreateCounts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))])));
        routes.MapGet("/_emulator/webhooks", context =>
            JsonHttp.WriteAsync(context, 200, new JsonArray([.. runtime.Webhooks.Select(w => (JsonNode)new JsonObject
            {
                ["provider"] = w.ProviderId,
                ["job"] = w.JobId,
                ["event"] = w.Event,
                ["url"] = w.Url.ToString(),
                ["status"] = w.StatusCode,
                ["delivered"] = w.Delivered,
                ["attempts"] = w.Attempts,
                ["error"] = w.Error,
            })])));
    }

    private static JsonObject Describe(EmulatorJob job, DateTimeOffset now) => new()
    {
        ["id"] = job.Id,
        ["provider"] = job.ProviderId,
        ["model"] = job.ModelId,
        ["provider_model"] = job.ProviderModelId,
        ["state"] = job.StateAt(now).ToString(),
        ["key"] = job.Key,
        ["created_at"] = JsonHttp.Timestamp(job.CreatedAt),
        ["width"] = job.Settings.Width,
        ["height"] = job.Settings.Height,
        ["format"] = job.Settings.Format.ToString().ToLowerInvariant(),
        ["seed"] = job.Settings.Seed,
        ["files"] = new JsonArray([.. job.FileIds.Select(f => (JsonNode?)JsonValue.Create(f))]),
        ["ignored_fields"] = new JsonArray([.. job.IgnoredFields.Select(f => (JsonNode?)JsonValue.Create(f))]),
    };

    private static JsonObject Index(HttpContext context, EmulatorRuntime runtime)
    {
        var baseAddress = JsonHttp.BaseAddress(context);
        return new JsonObject
        {
            ["name"] = "FluxSpecs emulator",
            ["providers"] = new JsonObject([.. EmulatorEndpointExtensions.ProviderIdsServed.Select(id =>
                KeyValuePair.Create(id, (JsonNode?)new Uri(baseAddress, id + "/").ToString()))]),
            ["fault_header"] = Faults.Fault.HeaderName,
            ["job_key_header"] = JobKeys.HeaderName,
            ["ignored_fields_header"] = ProviderEndpoints.IgnoredFieldsHeader,
            ["strict"] = runtime.Options.Strict,
        };
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.CustomProvider.Tests;

/// <summary>
/// Acme's API as a real Kestrel server on 127.0.0.1 (ephemeral port): jobs run for two status reads, then point at a
/// PNG this server also serves. It records what it received, so tests can see the exact body and headers.
/// </summary>
public sealed class AcmeEndpoint : IAsyncDisposable
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _reads = new();

    private AcmeEndpoint(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<(string Method, string Path, string? Key, string Body)> Received { get; } = new();

    public static async Task<AcmeEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new AcmeEndpoint(app);
        endpoint.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return endpoint;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers["x-acme-key"].FirstOrDefault(), body));
            if (context.Request.Path.StartsWithSegments("/v1") && context.Request.Headers["x-acme-key"] != "acme-test-key")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next();
        });
        app.MapPost("/v1/jobs", () =>
        {
            var id = Guid.NewGuid().ToString("N");
            _reads[id] = 0;
            return Results.Json(new JsonObject { ["id"] = id });
        });
        app.MapGet("/v1/jobs/{id}", (string id) =>
        {
            if (!_reads.TryGetValue(id, out var reads))
            {
                return Results.NotFound();
            }

            _reads[id] = reads + 1;
            return reads < 2
                ? Results.Json(new JsonObject { ["id"] = id, ["state"] = reads == 0 ? "queued" : "running" })
                : Results.Json(new JsonObject { ["id"] = id, ["state"] = "done", ["image_url"] = new Uri(BaseUrl, "files/" + id + ".png").AbsoluteUri });
        });
        app.MapDelete("/v1/jobs/{id}", (string id) => Results.Json(new JsonObject { ["id"] = id, ["state"] = "canceled" }));
        app.MapGet("/files/{name}", () => Results.Bytes(Png, "image/png"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

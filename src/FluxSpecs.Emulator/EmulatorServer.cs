using System.Net;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.Emulator;

/// <summary>
/// The emulator as a real HTTP server (Kestrel) on 127.0.0.1: every provider's protocol under
/// <c>{BaseAddress}/{provider-id}/</c>, so a provider's own client pointed at <see cref="ProviderBaseUrl"/> works unchanged.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await EmulatorServer.StartAsync();
/// var bfl = emulator.ProviderBaseUrl("bfl");   // http://127.0.0.1:54321/bfl/ — POST v1/flux-2-pro
/// </code>
/// </example>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Runtime = app.Services.GetRequiredService<EmulatorRuntime>();
    }

    /// <summary>The server's address, ending with a slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The shared state: jobs, files, webhook log, signing keys.</summary>
    internal EmulatorRuntime Runtime { get; }

    /// <summary>The jobs and the create counters.</summary>
    internal JobStore Jobs => Runtime.Jobs;

    /// <summary>Every webhook call made or refused.</summary>
    internal IReadOnlyList<WebhookDelivery> Webhooks => Runtime.Webhooks;

    /// <summary>Starts a server on 127.0.0.1 (on <see cref="EmulatorOptions.Port"/>, or a free port when it is 0).</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, SignalNeutralLifetime>();
        builder.Services.AddFluxSpecsEmulator(options);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // A bug in the emulator must read as one, not as a provider's 500.
                context.Response.Clear();
                await JsonHttp.WriteAsync(context, 500, new JsonObject { ["emulator_error"] = e.GetType().Name + ": " + e.Message }).ConfigureAwait(false);
            }
        });
        app.UseRouting();
        app.MapFluxSpecsEmulator();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// The base URL that replaces <paramref name="providerId"/>'s host: <c>{BaseAddress}{providerId}/</c>. The provider's own
    /// paths follow it (<c>v1/predictions</c> for Replicate, <c>openai/v1/images/generations</c> for Lumenfall).
    /// </summary>
    public Uri ProviderBaseUrl(string providerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerId);
        return new Uri(BaseAddress, providerId.Trim('/') + "/");
    }

    /// <summary>Stops the server and the emulator's background work.</summary>
    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

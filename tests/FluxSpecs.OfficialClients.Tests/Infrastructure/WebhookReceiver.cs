using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.OfficialClients.Tests.Infrastructure;

/// <summary>A webhook endpoint on an ephemeral loopback port that keeps each delivery's headers and raw body.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received;

    private WebhookReceiver(WebApplication app, Channel<ReceivedWebhook> received, Uri url)
    {
        _app = app;
        _received = received;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var received = Channel.CreateUnbounded<ReceivedWebhook>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapPost("/hook", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            await received.Writer.WriteAsync(new ReceivedWebhook(headers, body));
            context.Response.StatusCode = 204;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookReceiver(app, received, new Uri(address.TrimEnd('/') + "/hook"));
    }

    /// <summary>The next delivery; fails after <paramref name="timeout"/> without one.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No webhook arrived at {Url} within {timeout.TotalSeconds:0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One webhook delivery: headers (lower-case names) and the body exactly as sent.</summary>
internal sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body);

using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.Emulator.Tests.Infrastructure;

/// <summary>A webhook endpoint on loopback that records what it receives.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
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
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapPost("/hook", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            await received.Writer.WriteAsync(new ReceivedWebhook(headers, buffer.ToArray()));
            context.Response.StatusCode = 204;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookReceiver(app, received, new Uri(address.TrimEnd('/') + "/hook"));
    }

    public async Task<ReceivedWebhook> NextAsync(int timeoutMilliseconds = 20000)
    {
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}

using System.Net;
using FluxSpecs.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>A webhook endpoint on 127.0.0.1 that answers 200 and keeps every call, as an application would receive it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received;

    private WebhookReceiver(WebApplication app, List<ReceivedWebhook> received, Uri baseAddress)
    {
        _app = app;
        _received = received;
        BaseAddress = baseAddress;
    }

    /// <summary>The receiver's address, ending with a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The URL to hand to a provider.</summary>
    public Uri Url => new(BaseAddress, "hooks/job");

    /// <summary>Every call so far.</summary>
    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var received = new List<ReceivedWebhook>();
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var delivery = new WebhookDelivery(buffer.ToArray(), context.Request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
            lock (received)
            {
                received.Add(new ReceivedWebhook(context.Request.Path + context.Request.QueryString, delivery));
            }

            context.Response.StatusCode = 200;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookReceiver(app, received, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The first call that matches, waiting for it (at most 10 s).</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool>? match = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (Received.FirstOrDefault(match ?? (_ => true)) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "no matching webhook arrived within 10 s");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One call the receiver got: where it was sent (path and query) and the delivery.</summary>
public sealed record ReceivedWebhook(string PathAndQuery, WebhookDelivery Delivery);

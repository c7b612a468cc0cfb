using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FluxSpecs.Emulator.Tests.Hosting;

/// <summary>The emulator mapped into another ASP.NET Core app, as the CLI will host it.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task MapFluxSpecsEmulator_serves_every_provider_under_a_route_prefix_with_absolute_urls_that_include_it()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddFluxSpecsEmulator(new EmulatorOptions { Strict = true });
        await using var app = builder.Build();
        app.UsePathBase("/emu");
        app.UseRouting();
        app.MapFluxSpecsEmulator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = new HttpClient { BaseAddress = new Uri(address + "/emu/bfl/") };
        client.DefaultRequestHeaders.Add("x-key", "k");
        var (status, created, _) = await Http.PostAsync(client, "v1/flux-2-pro", new JsonObject { ["prompt"] = "hosted", ["width"] = 64, ["height"] = 64, ["output_format"] = "png" });

        Assert.Equal(HttpStatusCode.OK, status);
        var polling = Http.Str(created!["polling_url"]);
        Assert.StartsWith(address + "/emu/bfl/v1/get_result", polling, StringComparison.Ordinal);
        var done = await Http.PollAsync(client, polling, r => Http.Str(r["status"]) == "Ready");
        Assert.Equal(("png", 64, 64), ImageHeader.Read(await Http.DownloadAsync(Http.Str(done["result"]!["sample"]), "image/png")));

        await app.Services.GetRequiredService<EmulatorRuntime>().DisposeAsync();
        await app.StopAsync();
    }
}

// dotnet run --project samples/WebhookService -- --Webhooks:PublicUrl=https://your-host.example/ --Webhooks:ReplicateSecret=whsec_...
// with REPLICATE_API_TOKEN set (or FluxSpecs:Providers:replicate:ApiKey). POST /images {"prompt": "..."} answers with
// the image ({"provider": "bfl"} with BFL_API_KEY and --Webhooks:BflSecret=...); the provider's webhook ends the wait
// as soon as the job is done, polling is the fallback.
using FluxSpecs.Providers.Bfl;
using FluxSpecs.Providers.Replicate;
using FluxSpecs.Clients;
using FluxSpecs.Models.Flux2Pro;
using FluxSpecs.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFluxSpecs(builder.Configuration.GetSection("FluxSpecs"));

// One verifier per provider whose webhooks this service accepts: Replicate's account secret (whsec_…, from
// ReplicateWebhookVerifier.FetchSecretAsync), BFL's per-request secret.
var webhooks = builder.Configuration.GetSection("Webhooks");
if (webhooks["ReplicateSecret"] is { Length: > 0 } replicateSecret)
{
    builder.Services.AddSingleton<IWebhookVerifier>(new ReplicateWebhookVerifier(replicateSecret));
}

if (webhooks["BflSecret"] is { Length: > 0 } bflSecret)
{
    builder.Services.AddSingleton<IWebhookVerifier>(new BflWebhookVerifier(bflSecret));
}

var app = builder.Build();

app.MapPost("/images", async (ImageOrder order, FluxSpecsClient client, CancellationToken cancellationToken) =>
{
    var provider = order.Provider ?? "replicate";
    var request = new Flux2ProRequest { Prompt = order.Prompt, OutputFormat = Flux2ProOutputFormat.Png };
    if (webhooks["PublicUrl"] is { Length: > 0 } publicUrl)
    {
        // Asking for a webhook is part of the create request, in each provider's own typed options.
        var callback = new Uri(new Uri(publicUrl), $"webhooks/{provider}").ToString();
        if (provider == "replicate")
        {
            request.Replicate = new() { Webhook = callback };
        }
        else if (provider == "bfl")
        {
            request.Bfl = new() { WebhookUrl = callback, WebhookSecret = webhooks["BflSecret"] };
        }
    }

    var job = await client.GenerateAsync(request, provider, cancellationToken: cancellationToken);
    return Results.File(await job.DownloadAsync(cancellationToken: cancellationToken), "image/png");
});

app.MapPost("/webhooks/{provider}", async (string provider, HttpRequest http, IEnumerable<IWebhookVerifier> verifiers, FluxSpecsClient client, ILogger<Program> logger) =>
{
    if (verifiers.FirstOrDefault(v => v.ProviderId == provider) is not { } verifier)
    {
        return Results.NotFound();
    }

    // Signatures cover the exact bytes received: read them as they are, never re-serialized.
    using var body = new MemoryStream();
    await http.Body.CopyToAsync(body, http.HttpContext.RequestAborted);
    var verification = verifier.Verify(new WebhookDelivery(body.ToArray(), http.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()))));
    if (!verification.IsValid)
    {
        logger.LogWarning("Rejected a {Provider} webhook: {Reason}", provider, verification.Reason);
        return Results.Unauthorized();
    }

    // The job waiting in this process (if any) ends or moves on now; a state is a snapshot, so a retry is harmless.
    if (!client.DeliverWebhook(verification.State))
    {
        logger.LogInformation("No job {JobId} is waiting here; it can be re-attached with FluxSpecsClient.Attach", verification.State.Handle.JobId);
    }

    return Results.Ok();
});

app.Run();

internal sealed record ImageOrder(string Prompt, string? Provider = null);

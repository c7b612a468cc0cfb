using System.Globalization;
using System.Text.Json.Nodes;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Emulator.Hosting;
using FluxSpecs.Emulator.Jobs;
using FluxSpecs.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxSpecs.Emulator.Providers.Files;

/// <summary>
/// <c>GET /files/{id}.{ext}</c>: the generated images, rendered on first download, with the right Content-Type. No key
/// is needed, as with the providers' own delivery URLs; download faults apply.
/// </summary>
internal sealed class FileEndpoints(EmulatorRuntime runtime) : ProviderEndpoints(runtime)
{
    public override string ProviderId => "files";

    protected override bool RequiresKey => false;

    protected override IReadOnlyList<AuthRule> AuthRules { get; } = [];

    public override void Map(IEndpointRouteBuilder routes) => routes.MapGet("/{name}", DownloadAsync);

    private async Task DownloadAsync(HttpContext context)
    {
        var name = context.GetRouteValue("name") as string ?? "";
        var dot = name.LastIndexOf('.');
        var image = dot > 0 ? Runtime.Files.Find(name[..dot]) : null;
        if (image is not null && image.FileName != name)
        {
            image = null;
        }

        if (await BeginAsync(context, CallKind.Download, image?.Job).ConfigureAwait(false) is null)
        {
            return;
        }

        if (image is null || image.Job.StateAt(Runtime.Now) != JobState.Succeeded)
        {
            await WriteErrorAsync(context, 404, "not_found", $"No image {name} (unknown, or its job has not succeeded).").ConfigureAwait(false);
            return;
        }

        var bytes = image.Bytes;
        context.Response.StatusCode = 200;
        context.Response.ContentType = image.ContentType;
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{image.FileName}\"";
        context.Response.Headers["X-Emulator-Seed"] = image.Seed.ToString(CultureInfo.InvariantCulture);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonHttp.WriteAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    protected override Task WriteInvalidAsync(HttpContext context, IReadOnlyList<BodyError> errors) =>
        WriteErrorAsync(context, 400, "invalid", string.Join(" ", errors.Select(e => e.Message)));
}

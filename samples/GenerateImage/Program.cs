// dotnet run --project samples/GenerateImage -- "A lighthouse at dusk, watercolor"
// Sends the request to Black Forest Labs when BFL_API_KEY is set; otherwise to the built-in emulator on loopback.
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Jobs;
using FluxSpecs.Models.Flux2Pro;

var request = new Flux2ProRequest
{
    Prompt = args.Length > 0 ? string.Join(' ', args) : "A lighthouse at dusk, watercolor",
    AspectRatio = Flux2ProAspectRatio.Landscape16x9,
    Resolution = Flux2ProResolution.OneMegapixel,
    OutputFormat = Flux2ProOutputFormat.Png,
    Seed = 42,
};

var options = new FluxSpecsOptions();
await using var emulator = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BFL_API_KEY")) ? await EmulatorServer.StartAsync() : null;
if (emulator is not null)
{
    options.For("bfl").BaseUrl = emulator.ProviderBaseUrl("bfl");
    options.For("bfl").ApiKey = "emulator";
    options.AllowLoopbackHttp = true;   // the emulator serves its images over http on 127.0.0.1
    Console.WriteLine($"BFL_API_KEY is not set: using the emulator at {emulator.BaseAddress}");
}

using var client = new FluxSpecsClient(options);
var flux = new Flux2ProClient(client);
Console.WriteLine(flux.EstimatePrice(request, "bfl"));

var job = await flux.GenerateAsync(request, "bfl", new Progress<JobState>(state => Console.WriteLine(state.Status)));
var path = Path.GetFullPath("lighthouse.png");
await job.DownloadToFileAsync(path);
Console.WriteLine(job.Cost);
Console.WriteLine($"Saved {path}");

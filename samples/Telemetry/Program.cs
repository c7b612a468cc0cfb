// dotnet run --project samples/Telemetry
// One FLUX.2 [pro] job on the emulator's BFL, whose first status read is throttled (429 + Retry-After: 1), so that a
// retry shows; then OpenTelemetry prints the job's spans and, at exit, FluxSpecs's metrics.
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Models.Flux2Pro;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// FluxSpecs depends on no OpenTelemetry package: it emits through System.Diagnostics, and these providers listen by name.
using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Telemetry.SourceName).AddConsoleExporter().Build();
var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(Telemetry.MeterName).AddConsoleExporter().Build();

await using (var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true, Faults = FaultPlan.Parse("status:429;retry-after=1;times=1") }))
{
    var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
    options.For("bfl").BaseUrl = emulator.ProviderBaseUrl("bfl");
    options.For("bfl").ApiKey = "emulator";
    using var client = new FluxSpecsClient(options);

    var job = await new Flux2ProClient(client).GenerateAsync(new Flux2ProRequest { Prompt = "A lighthouse at dusk, watercolor", Seed = 42 }, "bfl");
    Console.WriteLine($"Job {job.State.Status}: {job.Cost}");
}

// Disposing the meter provider collects and exports once more, so the metrics print before the program ends.
metrics.Dispose();

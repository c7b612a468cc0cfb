using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FluxSpecs.Cli.Output;
using FluxSpecs.Cli.Requests;
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Commands;

/// <summary>
/// <c>fluxspecs generate --model &lt;id&gt; [--provider &lt;id&gt;] [--emulate] (--prompt … | --request … | --set …)
/// [--out &lt;path&gt;] [--json]</c>: validate, price, submit, wait with progress, download, save (every image of the
/// request's <c>image_count</c>: the first at <c>--out</c>, the others numbered beside it). The default provider
/// <c>local</c> is the built-in emulator, started in process, so it works offline and without keys.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider("The provider (default: local, the built-in emulator).");
        var emulate = new Option<bool>("--emulate") { Description = "Send the provider's protocol to the in-process emulator instead of the provider." };
        var prompt = new Option<string?>("--prompt") { Description = "The prompt." };
        var request = CommonOptions.Request();
        var set = CommonOptions.Set();
        var output = new Option<string?>("--out") { Description = "Where to save the image (default: <model>-<seed>-<time>.<ext> here)." };
        var json = CommonOptions.Json();
        var command = new Command("generate", "Generate an image: validate, price, submit, wait, download.") { model, provider, emulate, prompt, request, set, output, json };
        command.SetAction((result, cancellationToken) => Guard.RunAsync(context, () => RunAsync(
            context,
            context.Model(result.GetValue(model)!),
            result.GetValue(provider) ?? ProviderIds.Local,
            result.GetValue(emulate),
            context.ReadRequest(context.Model(result.GetValue(model)!), result.GetValue(request), result.GetValue(set) ?? [], result.GetValue(prompt)),
            result.GetValue(output),
            result.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Catalog.ModelDescriptor model, string providerId, bool emulate, IModelRequest request, string? outputPath, bool json, CancellationToken cancellationToken)
    {
        // local runs the model's first provider's protocol against the emulator.
        var local = providerId == ProviderIds.Local;
        var protocolProvider = local ? model.Providers[0].Id : CliContext.Provider(model, providerId).Id;
        emulate |= local;
        request.Validate(protocolProvider).ThrowIfInvalid();
        CheckOutputPath(outputPath);
        OutputName.CheckBeforeJob(outputPath, model, model.FindProvider(protocolProvider)!, request);

        var options = new FluxSpecsOptions();
        await using var emulator = emulate ? await EmulatorServer.StartAsync(EmulatorOptionsFromEnvironment(context.Models), cancellationToken) : null;
        if (emulator is not null)
        {
            options.AllowLoopbackHttp = true;
            options.Polling.MinInterval = TimeSpan.FromMilliseconds(20);
            options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(100);
            options.Providers[protocolProvider] = new ProviderOptions { ApiKey = "emulator", BaseUrl = emulator.ProviderBaseUrl(protocolProvider) };
        }
        else if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ProviderRegistry.Get(protocolProvider).KeyVariable)))
        {
            throw new UsageException($"{protocolProvider} needs an API key: set {ProviderRegistry.Get(protocolProvider).KeyVariable}, or add --emulate to run its protocol against the built-in emulator.");
        }
        else
        {
            // A provider the user pointed at this machine (`fluxspecs emulator`, a local gateway) serves its outputs from
            // this machine too, over plain http; anywhere else, outputs must come over https.
            options.AllowLoopbackHttp = IsLoopback(Environment.GetEnvironmentVariable(ProviderRegistry.Get(protocolProvider).BaseUrlVariable));
        }

        using var client = new FluxSpecsClient(options);
        var estimate = model.FindProvider(protocolProvider)?.Pricing is null ? null : request.EstimatePrice(protocolProvider);
        if (!json)
        {
            context.Out.WriteLine(estimate is null
                ? $"estimate: none ({protocolProvider} publishes no price for {model.Id})"
                : $"estimate: {Human.Amount(estimate)} on {protocolProvider}{(emulator is null ? "" : " (emulated: nothing is billed)")}");
        }

        var clock = Stopwatch.StartNew();

        // Every image of the request's image_count: one job where the provider takes a count, else one job per image.
        var group = await client.StartImagesAsync(request, protocolProvider, cancellationToken);
        var job = group.Jobs[0];
        string Line(JobState state) => string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0}s  {state.Status,-9} {state.ProviderStatus}");

        // Ctrl+C stops waiting and cancels the remote jobs, where the provider can.
        if (!json && context.Out == Console.Out && !Console.IsOutputRedirected)
        {
            // A terminal gets a live status line with the elapsed time.
            await Spectre.Console.AnsiConsole.Status().StartAsync("submitted", async status =>
            {
                using var ticker = new Timer(_ => status.Status = Line(job.State), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
                await group.WaitForCompletionAsync(new Reporter(state => status.Status = Line(state)), cancelRemoteJobOnCancel: true, cancellationToken);
            });
            context.Out.WriteLine(Line(job.State));
        }
        else
        {
            var progress = new Reporter(state =>
            {
                if (!json)
                {
                    context.Out.WriteLine(Line(state));
                }
            });
            await group.WaitForCompletionAsync(progress, cancelRemoteJobOnCancel: true, cancellationToken);
        }

        group.EnsureSucceeded();
        var paths = new List<string>();
        var formats = new List<ImageFormat?>();
        string? firstRenamedFrom = null;
        for (var index = 0; index < group.Outputs.Count; index++)
        {
            var bytes = await group.DownloadAsync(index, cancellationToken);
            var format = ImageFormats.Sniff(bytes);

            // The job is paid for: an --out whose extension the bytes contradict is renamed rather than refused.
            var (path, renamedFrom) = outputPath is null
                ? (Path.GetFullPath(index == 0 ? DefaultName(model.Id, request, format) : Path.ChangeExtension(Numbered(paths[0], index + 1), format is { } known ? OutputName.Extension(known) : "bin")), null)
                : OutputName.AfterDownload(Path.GetFullPath(index == 0 ? outputPath : Numbered(outputPath, index + 1)), format);
            if (renamedFrom is not null)
            {
                context.Error.WriteLine($"warning: the image is {format!.Value.ToWireName()}, not {ImageFormats.FromExtension(renamedFrom)!.Value.ToWireName()} as --out says: saved as {path} instead of {renamedFrom}.");
                firstRenamedFrom ??= index == 0 ? renamedFrom : null;
            }

            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            paths.Add(path);
            formats.Add(format);
        }

        var costs = group.Jobs.Select(j => j.State.ActualCost).ToList();
        var actualCost = costs.All(c => c is not null) && costs.Select(c => c!.Unit).Distinct().Count() == 1
            ? new JobCost(costs.Sum(c => c!.Amount), costs[0]!.Unit)
            : null;
        if (json)
        {
            JsonOut.Write(context.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("path", paths[0]);
                writer.WriteStartArray("paths");
                paths.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteString("format", formats[0]?.ToWireName());
                if (firstRenamedFrom is not null)
                {
                    // path is not the --out asked for: the bytes contradicted its extension (the warnings name every image's).
                    writer.WriteString("renamed_from", firstRenamedFrom);
                }

                writer.WriteString("model", model.Id);
                writer.WriteString("provider", protocolProvider);
                writer.WriteBoolean("emulated", emulator is not null);
                writer.WriteString("job_id", job.Id);
                if (group.Jobs.Count > 1)
                {
                    writer.WriteString("group_id", group.Id);
                }

                writer.WriteString("status", job.State.Status.ToString());
                if (estimate is not null)
                {
                    writer.WritePropertyName("estimate");
                    JsonOut.Price(writer, estimate);
                }

                if (actualCost is { } cost)
                {
                    writer.WriteStartObject("actual_cost");
                    writer.WriteNumber("amount", cost.Amount);
                    writer.WriteString("unit", cost.Unit);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            });
        }
        else
        {
            paths.ForEach(path => context.Out.WriteLine($"saved: {path}"));
            if (actualCost is { } cost)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"actual cost reported by {protocolProvider}: {cost.Amount} {cost.Unit}"));
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The in-process emulator's options. It runs strict: it only ever receives what FluxSpecs's own mappers write,
    /// which must be exactly the provider's fields, so a stray field is a bug to show, not to ignore.
    /// <c>FLUXSPECS_EMULATOR_FAULTS</c> gives it a fault plan (the syntax of <c>fluxspecs emulator --faults</c>), to see
    /// how failures look from the shell.
    /// </summary>
    /// <summary>The emulator serves the models the command knows, so a card compiled into the tool is emulated too.</summary>
    internal static EmulatorOptions EmulatorOptionsFromEnvironment(IReadOnlyList<Catalog.ModelDescriptor> models)
    {
        var options = new EmulatorOptions { Strict = true, Models = models };
        if (Environment.GetEnvironmentVariable(FaultsVariable) is { Length: > 0 } plan)
        {
            options.Faults = CommonOptions.ParseFaults(plan, FaultsVariable);
        }

        return options;
    }

    internal const string FaultsVariable = "FLUXSPECS_EMULATOR_FAULTS";

    /// <summary>Refuses an --out the image could not be written to, before a (paid) job runs.</summary>
    private static void CheckOutputPath(string? outputPath)
    {
        if (outputPath is null)
        {
            return;
        }

        var full = Path.GetFullPath(outputPath);
        if (Directory.Exists(full))
        {
            throw new UsageException($"--out: {full} is a directory; give the path of the file to write.");
        }

        if (Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
        {
            throw new UsageException($"--out: the directory {directory} does not exist.");
        }
    }

    /// <summary>The name of image <paramref name="number"/> beside the first: <c>fox.png</c> → <c>fox-2.png</c>.</summary>
    private static string Numbered(string first, int number) =>
        Path.Combine(Path.GetDirectoryName(first)!, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(first)}-{number}{Path.GetExtension(first)}"));

    internal static bool IsLoopback(string? baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.IsLoopback;

    private static string DefaultName(string modelId, IModelRequest request, ImageFormat? format)
    {
        var seed = request.Model.FindParameter("seed") is null ? null : request.GetParameter("seed");
        var seedText = seed is IFormattable number ? number.ToString(null, CultureInfo.InvariantCulture) : "random";
        var extension = format is { } known ? OutputName.Extension(known) : "bin";
        return string.Create(CultureInfo.InvariantCulture, $"{modelId}-{seedText}-{DateTime.Now:yyyyMMdd-HHmmss}.{extension}");
    }

    /// <summary>Reports on the waiting thread, so progress lines come out in order and before the result.</summary>
    private sealed class Reporter(Action<JobState> report) : IProgress<JobState>
    {
        public void Report(JobState value) => report(value);
    }
}

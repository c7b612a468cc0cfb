using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FluxSpecs.Batches;
using FluxSpecs.Cli.Output;
using FluxSpecs.Cli.Requests;
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Providers;
using Spectre.Console;

namespace FluxSpecs.Cli.Commands;

/// <summary>
/// <c>fluxspecs batch --input &lt;requests.jsonl&gt; --out &lt;dir&gt; [--provider &lt;id&gt;|&lt;id&gt;,&lt;id&gt;...|cheapest]
/// [--emulate] [--concurrency &lt;n&gt;] [--creates-per-second &lt;n|id=n,...&gt;] [--rate-limit-retries &lt;n&gt;]
/// [--deadline &lt;duration&gt;] [--max-cost &lt;usd&gt; [--allow-unpriced]] [--json]</c>: runs every row through
/// <see cref="BatchRunner"/>, with its journal and <c>results.jsonl</c> in the output folder; the same command again
/// resumes. The default provider <c>local</c> runs each row on its model's first provider's protocol against the built-in
/// emulator, as <c>generate</c> does.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "The rows: JSON Lines, one {\"id\", \"model\", \"provider\", \"request\"} per line, or - for standard input.", Required = true };
        var output = new Option<string>("--out") { Description = "The folder for the images, journal.db and results.jsonl; the same folder again resumes.", Required = true };
        var provider = CommonOptions.Provider("The provider of rows that name none: an id, ids separated by commas (tried in order when one refuses with nothing made), or cheapest (default: local, the built-in emulator).");
        var emulate = new Option<bool>("--emulate") { Description = "Send every provider's protocol to the in-process emulator instead of the provider." };
        var concurrency = new Option<string?>("--concurrency") { Description = "The most jobs active at once per provider (default: each provider's documented limit, e.g. bfl 24, else 4)." };
        var createsPerSecond = new Option<string?>("--creates-per-second") { Description = "The most creates per second: <n> for every provider, or <id>=<n>,... per provider (default: each provider's documented limit, e.g. replicate 10, else none)." };
        var rateLimitRetries = new Option<string?>("--rate-limit-retries") { Description = "How many times a create refused with 429 (no job made) is sent again after waiting (default 3)." };
        var deadline = new Option<string?>("--deadline") { Description = "How long this run may take (90s, 5m, 1h30m): then rows not started are skipped and running jobs canceled, or abandoned where the provider cannot cancel." };
        var maxCost = new Option<string?>("--max-cost") { Description = "The most the batch may spend, in US dollars: a job is started only while its estimate fits beside the committed spend; rows left out end skipped." };
        var allowUnpriced = new Option<bool>("--allow-unpriced") { Description = "With --max-cost: let rows run on providers that publish no price in US dollars (else they are skipped)." };
        var json = CommonOptions.Json();
        var command = new Command("batch", "Run many requests: validate all, pace per provider, keep a budget and deadlines, fail over, create each once, resume after a crash.")
        {
            input, output, provider, emulate, concurrency, createsPerSecond, rateLimitRetries, deadline, maxCost, allowUnpriced, json,
        };
        command.SetAction((result, cancellationToken) => Guard.RunAsync(context, () => RunAsync(
            context,
            result.GetValue(input)!,
            result.GetValue(output)!,
            result.GetValue(provider) ?? ProviderIds.Local,
            result.GetValue(emulate),
            Options(result.GetValue(concurrency), result.GetValue(createsPerSecond), result.GetValue(rateLimitRetries), result.GetValue(deadline), Budget(result.GetValue(maxCost), result.GetValue(allowUnpriced))),
            result.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string inputPath, string outputDirectory, string defaultProvider, bool emulate, Func<string, IReadOnlyList<Catalog.ModelDescriptor>, BatchOptions> batchOptions, bool json, CancellationToken cancellationToken)
    {
        CheckLocal(defaultProvider, "--provider");

        // Every row is checked here once, as the file is read; the runner reads each again when it needs it.
        string? firstLocal = null, firstReal = null;
        var providers = new HashSet<string>(StringComparer.Ordinal);
        using var rows = await BatchInputFile.OpenAsync(inputPath, context.In, raw =>
        {
            var row = Resolve(raw, defaultProvider);
            if (row.ProviderId == ProviderIds.Local)
            {
                firstLocal ??= row.Id;
            }
            else
            {
                firstReal ??= row.Id;
                providers.UnionWith(ProvidersOf(context, row));
            }
        }, cancellationToken);
        if (firstLocal is not null && firstReal is not null && !emulate)
        {
            throw new UsageException($"Row '{firstLocal}' runs on local (the built-in emulator) and row '{firstReal}' on a real provider; add --emulate to emulate every row, or give every row a provider.");
        }

        emulate |= firstLocal is not null;
        rows.Resolve = raw =>
        {
            // local runs each row on its model's first provider's protocol, emulated.
            var row = Resolve(raw, defaultProvider);
            return row.ProviderId == ProviderIds.Local ? row with { ProviderId = context.Models.FirstOrDefault(m => m.Id == row.ModelId)?.Providers[0].Id } : row;
        };
        if (File.Exists(outputDirectory))
        {
            throw new UsageException($"--out: {Path.GetFullPath(outputDirectory)} is a file; give a folder (it is created when missing).");
        }

        var options = new FluxSpecsOptions();
        await using var emulator = emulate ? await EmulatorServer.StartAsync(GenerateCommand.EmulatorOptionsFromEnvironment(context.Models), cancellationToken) : null;
        if (emulator is not null)
        {
            options.AllowLoopbackHttp = true;
            options.Polling.MinInterval = TimeSpan.FromMilliseconds(20);
            options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(100);
            foreach (var id in EmulatorEndpointExtensions.ProviderIdsServed)
            {
                // Not a word of the emulator's messages: keys are redacted from every message, and "emulator" would be.
                options.Providers[id] = new ProviderOptions { ApiKey = "fluxspecs-emulated-key", BaseUrl = emulator.ProviderBaseUrl(id) };
            }
        }
        else
        {
            // Providers the user pointed at this machine (`fluxspecs emulator`, a local gateway) serve their outputs from
            // it too, over plain http; anywhere else outputs come over https.
            options.AllowLoopbackHttp = providers.Any(id => ProviderRegistry.TryGet(id, out var definition) && GenerateCommand.IsLoopback(Environment.GetEnvironmentVariable(definition.BaseUrlVariable)));
            if (options.AllowLoopbackHttp)
            {
                // A provider on this machine (`fluxspecs emulator`) answers in milliseconds: poll every 0.05-1 s rather
                // than the 0.5-5 s that suits the providers' own 5-30 s jobs. Near a job's expected end the polls come at
                // the minimum, so it bounds how late an ended job is seen, and with it how long a permit stays idle.
                options.Polling.MinInterval = TimeSpan.FromMilliseconds(50);
                options.Polling.MaxInterval = TimeSpan.FromSeconds(1);
                options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(600);
            }
        }

        using var client = new FluxSpecsClient(options);
        var batch = batchOptions(outputDirectory, context.Models);
        var runner = new BatchRunner(client, batch);
        var terminal = !json && context.Out == Console.Out && !Console.IsOutputRedirected;
        BatchSummary summary;
        if (terminal)
        {
            // The figures are the runner's own (its rate over the last minute, not Spectre's remaining-time guess).
            summary = await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
            {
                var task = progress.AddTask(Describe(null, rows.Count), maxValue: rows.Count);
                return await runner.RunAsync(rows, new Reporter(state =>
                {
                    task.Description = Describe(state, rows.Count);
                    task.Value = state.Done;
                }), cancellationToken);
            });
        }
        else
        {
            summary = await runner.RunAsync(rows, new Reporter(state =>
            {
                if (state.Row is not null)
                {
                    WriteRow(context.Out, state, json);
                }
            }), cancellationToken);
        }

        var (counts, spend, resultsPath) = (summary.Statuses, summary.SpendUsd, summary.ResultsPath);
        if (json)
        {
            WriteJsonLine(context.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("event", "summary");
                writer.WriteNumber("rows", summary.Rows);
                foreach (var (status, count) in counts)
                {
                    writer.WriteNumber(StatusName(status), count);
                }

                writer.WriteNumber("spend", spend);
                if (batch.MaxCostUsd is { } max)
                {
                    writer.WriteNumber("max_cost", max);
                }

                writer.WriteBoolean("emulated", emulator is not null);
                writer.WriteString("results", resultsPath);
                writer.WriteEndObject();
            });
        }
        else
        {
            context.Out.WriteLine(string.Join(", ", counts.Where(c => c.Value > 0).Select(c => c.Value + " " + StatusName(c.Key)))
                + string.Create(CultureInfo.InvariantCulture, $"; spend ${spend:0.####}{(batch.MaxCostUsd is { } max ? $" of a ${max:0.####} budget" : "")}{(emulator is null ? "" : " (emulated: nothing is billed)")}"));
            context.Out.WriteLine($"results: {resultsPath}");
        }

        return counts[BatchRowStatus.Failed] + counts[BatchRowStatus.Moderated] + counts[BatchRowStatus.Canceled] + counts[BatchRowStatus.Unknown]
            + counts[BatchRowStatus.Skipped] + counts[BatchRowStatus.Abandoned] > 0
            ? ExitCodes.JobFailedOrModerated
            : counts[BatchRowStatus.Invalid] > 0 ? ExitCodes.InvalidRequestOrUsage : ExitCodes.Success;
    }

    /// <summary>The row's provider choice: its own, else the default (an id, a failover list or <c>cheapest</c>; the runner checks it).</summary>
    private static BatchRow Resolve(BatchRow row, string defaultProvider)
    {
        if (row.ProviderId is { } own)
        {
            CheckLocal(own, $"row '{row.Id}'");
            return row;
        }

        return row with { ProviderId = defaultProvider };
    }

    /// <summary><c>local</c> stands for the whole emulator, so it is not one provider of a list.</summary>
    private static void CheckLocal(string choice, string source)
    {
        if (choice != ProviderIds.Local && choice.Split(',').Any(item => item.Trim() == ProviderIds.Local))
        {
            throw new UsageException($"{source}: '{choice}' puts local (the built-in emulator) in a list of providers; local runs alone. To fail over between emulated providers, give their ids and add --emulate.");
        }
    }

    /// <summary>
    /// The pacing, deadline and budget options, checked before anything runs (each bad value a usage error naming the option, the
    /// value and the rule); the output folder and the models are given when the batch runs.
    /// </summary>
    private static Func<string, IReadOnlyList<Catalog.ModelDescriptor>, BatchOptions> Options(string? concurrency, string? createsPerSecond, string? rateLimitRetries, string? deadline, (decimal? MaxUsd, bool AllowUnpriced) budget)
    {
        var limit = Concurrency(concurrency);
        var (everyProvider, perProvider) = CreatesPerSecond(createsPerSecond);
        var retries = rateLimitRetries is null ? (int?)null
            : int.TryParse(rateLimitRetries, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100 ? n
            : throw new UsageException($"--rate-limit-retries: '{rateLimitRetries}' is not a number of retries; give a whole number from 0 to 100.");
        var batchDeadline = deadline is null ? (TimeSpan?)null
            : DurationText.Parse(deadline) ?? throw new UsageException($"--deadline: '{deadline}' is not a duration; {DurationText.Rule}.");
        return (outputDirectory, models) =>
        {
            var options = new BatchOptions
            {
                OutputDirectory = outputDirectory,
                Models = models,
                Concurrency = limit,
                CreatesPerSecond = everyProvider,
                RateLimitRetries = retries ?? BatchOptions.DefaultRateLimitRetries,
                Deadline = batchDeadline,
                MaxCostUsd = budget.MaxUsd,
                AllowUnpriced = budget.AllowUnpriced,
            };
            foreach (var (id, rate) in perProvider)
            {
                options.ProviderCreatesPerSecond[id] = rate;
            }

            return options;
        };
    }

    /// <summary><c>--creates-per-second</c>: <c>&lt;n&gt;</c> for every provider and/or <c>&lt;id&gt;=&lt;n&gt;</c> items, comma-separated.</summary>
    private static (double? EveryProvider, List<(string Id, double Rate)> PerProvider) CreatesPerSecond(string? text)
    {
        const string Rule = "give a number of creates per second from 0.01 to 10000, for every provider (5) or per provider (replicate=5,bfl=2)";
        double? every = null;
        var per = new List<(string, double)>();
        if (text is null)
        {
            return (every, per);
        }

        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var number = equals < 0 ? item : item[(equals + 1)..];
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate is < 0.01 or > 10_000)
            {
                throw new UsageException($"--creates-per-second: '{item}' is not a rate; {Rule}.");
            }

            if (equals < 0)
            {
                every = rate;
                continue;
            }

            var id = item[..equals];
            if (!ProviderRegistry.TryGet(id, out _))
            {
                throw new UsageException($"--creates-per-second: '{id}' in '{item}' is not a provider; providers: {string.Join(", ", ProviderRegistry.All.Select(p => p.Id))}.");
            }

            per.Add((id, rate));
        }

        return (every, per);
    }

    /// <summary>The providers a row may be sent to: those it names, or every provider of its model for <c>cheapest</c>.</summary>
    private static IEnumerable<string> ProvidersOf(CliContext context, BatchRow row) =>
        row.ProviderId?.Split(',').Select(item => item.Trim()) is { } items
            ? items.SelectMany(item => item == "cheapest" ? context.Models.FirstOrDefault(m => m.Id == row.ModelId)?.Providers.Select(p => p.Id) ?? [] : [item])
            : [];

    /// <summary>The budget options: <c>--max-cost</c> a positive amount of US dollars; <c>--allow-unpriced</c> only with it.</summary>
    private static (decimal? MaxUsd, bool AllowUnpriced) Budget(string? maxCost, bool allowUnpriced)
    {
        if (maxCost is null)
        {
            return allowUnpriced
                ? throw new UsageException("--allow-unpriced: it lets rows on unpriced providers run under a budget, but no budget is given; add --max-cost <usd> or leave it out.")
                : (null, false);
        }

        return decimal.TryParse(maxCost, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd) && usd > 0 && usd <= 1_000_000
            ? (usd, allowUnpriced)
            : throw new UsageException($"--max-cost: '{maxCost}' is not an amount of US dollars; give a number above 0 and at most 1000000, with a decimal point if needed (e.g. 2.50), no currency sign.");
    }

    private static int? Concurrency(string? text) => text is null
        ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
            ? n
            : throw new UsageException($"--concurrency: '{text}' is not a number of jobs; give a whole number from 1 to 1000.");

    /// <summary>The progress line: done, running, not succeeded, spend so far, rate and time left.</summary>
    internal static string Describe(BatchProgress? state, int total) => state is null
        ? string.Create(CultureInfo.InvariantCulture, $"0/{total} done")
        : string.Create(CultureInfo.InvariantCulture, $"{state.Done}/{total} done, {state.Running} running, {state.NotSucceeded} not succeeded, spend ${state.SpendUsd:0.####}, ")
            + (state.RowsPerMinute is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:0.#} rows/min") : "- rows/min")
            + ", " + (state.TimeLeft is { } left ? Duration(left) + " left" : "time left unknown");

    /// <summary>A time left as people read it: <c>42s</c>, <c>3m 05s</c>, <c>2h 07m</c>, <c>3d 04h</c>.</summary>
    internal static string Duration(TimeSpan time)
    {
        var seconds = (long)Math.Ceiling(time.TotalSeconds);
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m {seconds % 60:00}s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h {seconds % 3600 / 60:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400}d {seconds % 86400 / 3600:00}h"),
        };
    }

    private static string StatusName(BatchRowStatus status) => status.ToString().ToLowerInvariant();

    private static void WriteRow(TextWriter output, BatchProgress state, bool json)
    {
        var row = state.Row!;
        if (json)
        {
            WriteJsonLine(output, writer =>
            {
                // The row's results.jsonl line, with the event's name first and the batch's progress after it ended.
                using var line = JsonDocument.Parse(row.ToJson());
                writer.WriteStartObject();
                writer.WriteString("event", "row");
                foreach (var property in line.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }

                writer.WritePropertyName("progress");
                WriteProgress(writer, state);
                writer.WriteEndObject();
            });
        }
        else
        {
            var detail = row.Files.Count > 0 ? string.Join(" ", row.Files) : row.Error ?? "";
            output.WriteLine($"{row.Id}  {StatusName(row.Status),-9} {row.ProviderId ?? "-",-10} {detail}");
        }
    }

    /// <summary>
    /// <c>{"done", "total", "running", "not_succeeded", "spend", "elapsed_seconds", "rows_per_minute",
    /// "time_left_seconds"}</c>: the last two null while there is no rate.
    /// </summary>
    internal static void WriteProgress(Utf8JsonWriter writer, BatchProgress state)
    {
        writer.WriteStartObject();
        writer.WriteNumber("done", state.Done);
        writer.WriteNumber("total", state.Total);
        writer.WriteNumber("running", state.Running);
        writer.WriteNumber("not_succeeded", state.NotSucceeded);
        writer.WriteNumber("spend", state.SpendUsd);
        writer.WriteNumber("elapsed_seconds", Math.Round(state.Elapsed.TotalSeconds, 3));
        if (state.RowsPerMinute is { } rate)
        {
            writer.WriteNumber("rows_per_minute", Math.Round(rate, 2));
        }
        else
        {
            writer.WriteNull("rows_per_minute");
        }

        if (state.TimeLeft is { } left)
        {
            writer.WriteNumber("time_left_seconds", Math.Round(left.TotalSeconds, 1));
        }
        else
        {
            writer.WriteNull("time_left_seconds");
        }

        writer.WriteEndObject();
    }

    private static void WriteJsonLine(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        lock (output)
        {
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    /// <summary>Reports on the calling thread (the runner reports under its own lock, so lines come out whole and in order).</summary>
    private sealed class Reporter(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}

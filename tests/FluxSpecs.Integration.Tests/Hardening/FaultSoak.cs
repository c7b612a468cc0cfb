using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Errors;
using FluxSpecs.Jobs;
using FluxSpecs.Models;
using FluxSpecs.Providers;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>
/// Many jobs on every (model, provider) pair through <see cref="FluxSpecsClient"/>, against an emulator that injects
/// faults on every kind of call, and an account of what happened to each: the one outcome its caller saw, and what
/// the emulator saw (create attempts and jobs made for it).
/// </summary>
public static class FaultSoak
{
    /// <summary>Faults on every kind of call; each rule hits every Nth call of its kind, so the mix is deterministic per call order.</summary>
    public const string Plan =
        "create:429;retry-after=1;every=13, create:503;every=17, create:500;every=19, create:502;every=23, create:drop;every=29, "
        + "create:garbage;every=31, create:slow=3000;every=41, create:slow=200;every=11, create:fail;every=7, create:moderate;every=9, "
        + "status:429;retry-after=1;every=9, status:500;every=7, status:502;every=11, status:503;every=5, status:drop;every=13, "
        + "status:slow=150;every=8, status:slow=2500;every=97, status:garbage;every=17, "
        + "result:503;every=3, result:garbage;every=7, result:drop;every=11, "
        + "cancel:503;every=3, cancel:drop;every=7, "
        + "download:503;every=4, download:drop;every=6, download:slow=150;every=7, download:garbage;every=19";

    /// <summary>Every unobserved task exception seen while a soak ran, in full.</summary>
    public static ConcurrentQueue<string> UnobservedDetails { get; } = new();

    public static async Task<SoakReport> RunAsync(int jobs, int concurrency, TimeSpan perJobLimit)
    {
        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            Interlocked.Increment(ref unobserved);
            UnobservedDetails.Enqueue(e.Exception.ToString());
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            Collect();
            var before = Resources.Now();
            var clock = Stopwatch.StartNew();
            var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
            {
                Strict = true,
                Faults = FaultPlan.Parse(Plan),
                QueueTime = TimeSpan.FromMilliseconds(20),
                RunTime = TimeSpan.FromMilliseconds(30),
            });
            var outcomes = new ConcurrentBag<JobOutcome>();
            var peak = before;
            Resources idle;
            var run = Guid.NewGuid().ToString("N")[..8];
            var pairs = ModelCatalog.Models.SelectMany(m => m.Providers.Select(p => (Model: m.Id, Provider: p.Id))).ToList();
            await using (emulator)
            {
                using (var client = new FluxSpecsClient(Options(emulator)))
                {
                    using var gate = new SemaphoreSlim(concurrency);
                    using var sampling = new CancellationTokenSource();
                    var sampler = Task.Run(async () =>
                    {
                        while (!sampling.IsCancellationRequested)
                        {
                            var now = Resources.Now();
                            peak = new Resources(Math.Max(peak.Handles, now.Handles), Math.Max(peak.Sockets, now.Sockets));
                            await Task.Delay(50).ConfigureAwait(false);
                        }
                    });

                    var tasks = Enumerable.Range(0, jobs).Select(async i =>
                    {
                        await gate.WaitAsync();
                        try
                        {
                            var (model, provider) = pairs[i % pairs.Count];
                            outcomes.Add(await RunOneAsync(client, model, provider, $"soak {run} job {i}", cancel: i % 10 == 5, perJobLimit));
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }).ToList();
                    await Task.WhenAll(tasks);
                    await sampling.CancelAsync();
                    await sampler;
                    idle = Resources.Now();
                }

                return Account(outcomes.OrderBy(o => o.Index).ToList(), emulator, before, peak, idle, clock.Elapsed, () =>
                {
                    Collect();
                    return Volatile.Read(ref unobserved);
                });
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    /// <summary>After the emulator and the client are gone: the process's handles and sockets, once they have settled.</summary>
    public static async Task<Resources> SettledAsync(Resources before)
    {
        var deadline = Stopwatch.StartNew();
        var now = Resources.Now();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10) && (now.Sockets > before.Sockets || now.Handles > before.Handles))
        {
            Collect();
            await Task.Delay(100);
            now = Resources.Now();
        }

        return now;
    }

    private static FluxSpecsOptions Options(EmulatorServer emulator)
    {
        var options = new FluxSpecsOptions
        {
            AllowLoopbackHttp = true,
            CreateWait = TimeSpan.FromSeconds(2),
            Polling = new PollingOptions
            {
                MinInterval = TimeSpan.FromMilliseconds(10),
                MaxInterval = TimeSpan.FromMilliseconds(100),
                TypicalRunTime = TimeSpan.FromMilliseconds(50),
                Timeout = TimeSpan.FromSeconds(60),
            },
            Retry = new RetryOptions
            {
                MaxRetries = 4,
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(100),
                AttemptTimeout = TimeSpan.FromSeconds(2),
                TotalTimeout = TimeSpan.FromSeconds(30),
                CreateTimeout = TimeSpan.FromSeconds(2.5),
            },
        };
        foreach (var id in ProviderRegistry.Ids)
        {
            options.Providers[id] = new ProviderOptions { ApiKey = "soak-key", BaseUrl = emulator.ProviderBaseUrl(id) };
        }

        return options;
    }

    private static async Task<JobOutcome> RunOneAsync(FluxSpecsClient client, string model, string provider, string prompt, bool cancel, TimeSpan limit)
    {
        var index = int.Parse(prompt[(prompt.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        var request = SmallRequest(model, provider, prompt);
        using var timeout = new CancellationTokenSource(limit);
        var started = Stopwatch.StartNew();
        var outcome = await OutcomeAsync(client, model, provider, prompt, cancel, request, index, timeout.Token);
        return outcome with { Duration = started.Elapsed };
    }

    /// <summary>
    /// The prompt, and a 256×256 image where the model and provider take a custom size: the emulator renders and serves
    /// every image, and the soak is about faults, not about encoding megapixels.
    /// </summary>
    private static IModelRequest SmallRequest(string model, string provider, string prompt)
    {
        var request = EmulatedProviders.MinimalRequest(model);
        var type = request.GetType();
        type.GetProperty("Prompt")!.SetValue(request, prompt);
        var small = EmulatedProviders.MinimalRequest(model);
        type.GetProperty("Prompt")!.SetValue(small, prompt);
        if (type.GetProperty("AspectRatio") is { } ratio && type.GetProperty("Width") is { } width && type.GetProperty("Height") is { } height)
        {
            ratio.SetValue(small, Enum.Parse(Nullable.GetUnderlyingType(ratio.PropertyType) ?? ratio.PropertyType, "Custom"));
            width.SetValue(small, 256);
            height.SetValue(small, 256);
            if (small.Validate(provider).IsValid)
            {
                return small;
            }
        }

        return request;
    }

    private static async Task<JobOutcome> OutcomeAsync(FluxSpecsClient client, string model, string provider, string prompt, bool cancel, IModelRequest request, int index, CancellationToken token)
    {
        ImageJob? job = null;
        try
        {
            if (cancel && client.Protocol(provider).SupportsCancel)
            {
                job = await client.StartAsync(request, provider, token);
                if (!job.HasCompleted)
                {
                    await job.CancelAsync(token);
                }

                await job.WaitForCompletionAsync(cancellationToken: token);
                job.EnsureSucceeded();
            }
            else
            {
                job = await client.GenerateAsync(request, provider, cancellationToken: token);
            }

            var bytes = await job.DownloadAsync(cancellationToken: token);
            return new JobOutcome(index, model, provider, prompt, "succeeded", null, job.State.Handle.JobId, MayHaveCharged: true, JobMayExist: true, bytes.Length);
        }
        catch (FluxSpecsException e)
        {
            var jobId = e switch
            {
                JobEndedException ended => ended.State.Handle.JobId,
                JobTimeoutException timedOut => timedOut.LastState.Handle.JobId,
                ProviderException { JobId: { } saved } => JobHandle.Parse(saved).JobId,
                _ => job?.State.Handle.JobId,
            };
            var mayExist = e is ProviderException provider1 ? provider1.JobMayExist || provider1.Operation != "create" : true;
            var operation = e is ProviderException p ? p.Operation : null;
            return new JobOutcome(index, model, provider, prompt, e.GetType().Name + (operation is null ? "" : " (" + operation + ")"), e.Message, jobId, e.MayHaveCharged, mayExist, 0);
        }
        catch (Exception e)
        {
            // Anything else escaping is a failure of the soak: it is reported as such.
            return new JobOutcome(index, model, provider, prompt, "UNTYPED " + e.GetType().Name, e.ToString(), job?.State.Handle.JobId, true, true, 0);
        }
    }

    private static SoakReport Account(IReadOnlyList<JobOutcome> outcomes, EmulatorServer emulator, Resources before, Resources peak, Resources idle, TimeSpan elapsed, Func<int> unobserved)
    {
        var jobsByPrompt = emulator.Jobs.Jobs.GroupBy(j => PromptOf(j.Request) ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var attempts = emulator.Jobs.CreateAttemptCounts;
        var problems = new List<string>();
        var ambiguousMade = 0;
        var ambiguousNotMade = 0;
        foreach (var outcome in outcomes)
        {
            var made = jobsByPrompt.TryGetValue(outcome.Prompt, out var list) ? list : [];
            if (made.Count > 1)
            {
                problems.Add($"{outcome}: {made.Count} jobs made for one submit");
            }

            if (outcome.Kind.StartsWith("UNTYPED", StringComparison.Ordinal))
            {
                problems.Add($"{outcome}: an untyped exception reached the caller: {outcome.Message}");
            }

            if (outcome.Kind == "succeeded" && made.Count != 1)
            {
                problems.Add($"{outcome}: succeeded, but the emulator made {made.Count} jobs");
            }

            // Lumenfall answers synchronously: a failed or moderated generation is the create's error answer, with no
            // job to re-attach to; the emulator keeps a record of it all the same.
            var synchronousEnd = outcome.Provider == ProviderIds.Lumenfall && made.Count == 1 && made[0].Outcome != Emulator.Jobs.JobState.Succeeded
                && outcome.Kind.Contains("(create)", StringComparison.Ordinal);
            if (!outcome.JobMayExist && made.Count != 0 && !synchronousEnd)
            {
                problems.Add($"{outcome}: the caller was told no job was created, but one was (lost job): {outcome.Message}");
            }

            if (outcome.JobMayExist && outcome.Kind != "succeeded" && outcome.Kind.Contains("(create)", StringComparison.Ordinal))
            {
                _ = made.Count == 1 ? ambiguousMade++ : ambiguousNotMade++;
            }
            else if (made.Count == 1 && outcome.JobId is null && !synchronousEnd)
            {
                problems.Add($"{outcome}: a job exists, but the caller was not given its id: {outcome.Message}");
            }
        }

        problems.AddRange(emulator.Runtime.BackgroundErrors.Select(e => "the emulator's background work failed: " + e.GetType().Name + ": " + e.Message));
        var duplicated = attempts.Where(a => a.Value > 1).ToList();
        problems.AddRange(duplicated.Select(a => $"job key {a.Key}: {a.Value} create attempts for one submit"));
        if (attempts.Values.Sum() > outcomes.Count)
        {
            problems.Add($"{attempts.Values.Sum()} create attempts for {outcomes.Count} submits");
        }

        return new SoakReport(outcomes, problems, ambiguousMade, ambiguousNotMade, emulator.Jobs.TotalCreates, emulator.Jobs.TotalCreateAttempts, before, peak, idle, elapsed, unobserved());
    }

    /// <summary>The prompt of a stored create body: top-level, or under <c>input</c> (Replicate, core.today).</summary>
    private static string? PromptOf(JsonObject request) =>
        (request["prompt"] ?? request["input"]?["prompt"]) is JsonValue value && value.TryGetValue<string>(out var prompt) ? prompt : null;

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>What one logical submit ended in, as its caller saw it.</summary>
public sealed record JobOutcome(int Index, string Model, string Provider, string Prompt, string Kind, string? Message, string? JobId, bool MayHaveCharged, bool JobMayExist, int Bytes)
{
    /// <summary>How long the caller waited for the outcome.</summary>
    public TimeSpan Duration { get; init; }

    public override string ToString() => $"job {Index} ({Model} on {Provider}): {Kind}";
}

/// <summary>The process's open handles (file descriptors on Linux) and, of those, sockets.</summary>
public sealed record Resources(int Handles, int Sockets)
{
    /// <summary>Open descriptors by kind (socket, pipe, anon_inode:[eventfd], file …), where /proc shows them.</summary>
    public string Kinds { get; init; } = "";

    /// <summary>The files open, to name any that the soak left open.</summary>
    public IReadOnlySet<string> Files { get; init; } = new HashSet<string>();

    public static Resources Now()
    {
        using var process = Process.GetCurrentProcess();
        var sockets = -1;
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists("/proc/self/fd"))
        {
            sockets = 0;
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                try
                {
                    var target = new FileInfo(fd).LinkTarget ?? "?";
                    var kind = target.StartsWith('/') ? "file" : target.Split('[')[0] + (target.StartsWith("anon_inode", StringComparison.Ordinal) ? target[target.IndexOf('[', StringComparison.Ordinal)..] : "");
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                    if (kind == "file")
                    {
                        files.Add(target);
                    }

                    sockets += target.StartsWith("socket:", StringComparison.Ordinal) ? 1 : 0;
                }
                catch (IOException)
                {
                    // The descriptor was closed while listing.
                }
            }
        }

        return new Resources(process.HandleCount, sockets)
        {
            Kinds = string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key.TrimEnd(':')} {k.Value}")),
            Files = files,
        };
    }
}

/// <summary>A soak's outcomes, the problems found in them, and the figures docs/security.md quotes.</summary>
public sealed record SoakReport(
    IReadOnlyList<JobOutcome> Outcomes,
    IReadOnlyList<string> Problems,
    int AmbiguousCreatesThatMadeAJob,
    int AmbiguousCreatesThatDidNot,
    int EmulatorJobs,
    int EmulatorCreateAttempts,
    Resources Before,
    Resources Peak,
    Resources Idle,
    TimeSpan Elapsed,
    int UnobservedTaskExceptions)
{
    public string Summary(Resources after) => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"jobs: {Outcomes.Count} on {Outcomes.Select(o => o.Provider).Distinct().Count()} providers ({Outcomes.Select(o => (o.Model, o.Provider)).Distinct().Count()} model/provider pairs) in {Elapsed.TotalSeconds:0.0} s")
        .AppendLine("fault plan: " + FaultSoak.Plan)
        .AppendLine(CultureInfo.InvariantCulture, $"problems: {Problems.Count}")
        .AppendLine("outcomes: " + string.Join(", ", Outcomes.GroupBy(o => o.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")))
        .AppendLine(CultureInfo.InvariantCulture, $"emulator: {EmulatorCreateAttempts} create attempts for {Outcomes.Count} submits (max attempts per job key: 1 expected), {EmulatorJobs} jobs made")
        .AppendLine(CultureInfo.InvariantCulture, $"creates that failed saying a job may exist: {AmbiguousCreatesThatMadeAJob} had made one, {AmbiguousCreatesThatDidNot} had not")
        .AppendLine(CultureInfo.InvariantCulture, $"unobserved task exceptions: {UnobservedTaskExceptions}")
        .AppendLine("seconds per job, by outcome: " + string.Join(", ", Outcomes.GroupBy(o => o.Kind).Select(g => $"{g.Key} mean {g.Average(o => o.Duration.TotalSeconds):0.00} max {g.Max(o => o.Duration.TotalSeconds):0.00}")))
        .AppendLine("seconds per job, by provider: " + string.Join(", ", Outcomes.GroupBy(o => o.Provider).Select(g => $"{g.Key} mean {g.Average(o => o.Duration.TotalSeconds):0.00}")))
        .AppendLine(CultureInfo.InvariantCulture, $"handles / sockets: before {Before.Handles} / {Before.Sockets}, peak {Peak.Handles} / {Peak.Sockets}, client idle {Idle.Handles} / {Idle.Sockets}, after disposing {after.Handles} / {after.Sockets}")
        .AppendLine(CultureInfo.InvariantCulture, $"descriptors before: {Before.Kinds}")
        .AppendLine(CultureInfo.InvariantCulture, $"descriptors after:  {after.Kinds}")
        .AppendLine("a message of each failure kind:")
        .AppendJoin("", Outcomes.Where(o => o.Message is not null).GroupBy(o => o.Kind).Select(g => $"- {g.Key}: {g.First().Message!.Split('\n')[0]}\n"))
        .AppendJoin("", FaultSoak.UnobservedDetails.Select(d => "unobserved: " + d + "\n"))
        .AppendLine("files open after, not before: " + string.Join(", ", after.Files.Except(Before.Files).Select(Path.GetFileName).Order(StringComparer.Ordinal)))
        .ToString();
}

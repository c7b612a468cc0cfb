using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FluxSpecs.Batches;
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Models;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>What the budget and failover tests share: small rows, a strict emulator, a client keyed for every provider.</summary>
internal static class BatchTestKit
{
    /// <summary>A 256x256 flux-2-pro row (bfl $0.03, fal $0.03, lumenfall and replicate $0.015; vtrix and magnific unpriced).</summary>
    public static BatchRow Row(string id, string? provider, params (string Name, object? Value)[] more)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["prompt"] = "a lighthouse, row " + id, ["seed"] = 7L, ["aspect_ratio"] = "custom", ["width"] = 256L, ["height"] = 256L,
        };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return new BatchRow(id, "flux-2-pro", provider, parameters);
    }

    public static async Task<EmulatorServer> StartEmulatorAsync(string? faults = null, Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            Strict = true,
            RunTime = TimeSpan.FromMilliseconds(15),
            Faults = faults is null ? FaultPlan.None : FaultPlan.Parse(faults),
        };
        configure?.Invoke(options);
        return await EmulatorServer.StartAsync(options);
    }

    /// <summary>A client sending every provider to <paramref name="emulator"/>; <paramref name="configure"/> may change one.</summary>
    public static FluxSpecsClient Client(EmulatorServer emulator, Action<FluxSpecsOptions>? configure = null)
    {
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Polling.MinInterval = TimeSpan.FromMilliseconds(10);
        options.Polling.MaxInterval = TimeSpan.FromMilliseconds(50);
        options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(50);
        foreach (var id in EmulatorEndpointExtensions.ProviderIdsServed)
        {
            options.Providers[id] = new ProviderOptions { ApiKey = "emulator", BaseUrl = emulator.ProviderBaseUrl(id) };
        }

        configure?.Invoke(options);
        return new FluxSpecsClient(options);
    }

    public static BatchOptions Options(DirectoryInfo output, decimal? maxCost = null, bool allowUnpriced = false, int? concurrency = null, int rateLimitRetries = BatchOptions.DefaultRateLimitRetries) => new()
    {
        OutputDirectory = output.FullName,
        Models = ModelCatalog.Models,
        MaxCostUsd = maxCost,
        AllowUnpriced = allowUnpriced,
        Concurrency = concurrency,
        RateLimitRetries = rateLimitRetries,
    };

    public static List<JsonElement> ResultLines(DirectoryInfo output) =>
        [.. File.ReadAllLines(Path.Combine(output.FullName, BatchRunner.ResultsFileName)).Select(line => JsonDocument.Parse(line).RootElement)];

    public static async Task<IReadOnlyDictionary<string, BatchJournalEntry>> JournalAsync(DirectoryInfo output)
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(output.FullName, BatchRunner.JournalFileName));
        return await journal.ReadAsync();
    }

    /// <summary>A loopback URL nothing listens on: a port that was bound, noted and let go.</summary>
    public static Uri ClosedPortUrl(string path)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/{path}");
    }
}

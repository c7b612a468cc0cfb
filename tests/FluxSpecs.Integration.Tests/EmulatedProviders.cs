using System.Reflection;
using FluxSpecs.Emulator;
using FluxSpecs.Emulator.Faults;
using FluxSpecs.Images;
using FluxSpecs.Jobs;
using FluxSpecs.Mapping;
using FluxSpecs.Models;
using FluxSpecs.Providers;

namespace FluxSpecs.Integration.Tests;

/// <summary>A running emulator and the client-side protocols pointed at it, for one test.</summary>
public sealed class EmulatedProviders : IAsyncDisposable
{
    public const string Key = "test-key-not-a-secret";

    private EmulatedProviders(EmulatorServer server)
    {
        Server = server;
    }

    public EmulatorServer Server { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<EmulatedProviders> StartAsync(string? faults = null, TimeSpan? queueTime = null, TimeProvider? clock = null, TimeSpan? runTime = null)
    {
        var options = new EmulatorOptions { Strict = true, Clock = clock ?? TimeProvider.System };
        if (faults is not null)
        {
            options.Faults = FaultPlan.Parse(faults);
        }

        if (queueTime is { } queue)
        {
            options.QueueTime = queue;
        }

        if (runTime is { } run)
        {
            options.RunTime = run;
        }

        return new EmulatedProviders(await EmulatorServer.StartAsync(options));
    }

    /// <summary>Every (model, provider) pair the cards declare.</summary>
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers)
            {
                data.Add(model.Id, provider.Id);
            }
        }

        return data;
    }

    public IProviderProtocol Protocol(string providerId, string? key = Key) =>
        ProviderRegistry.Get(providerId).CreateProtocol(new ProviderConnection(Http, Server.ProviderBaseUrl(providerId), key));

    /// <summary>The smallest valid request of a model: its required prompt, set on the generated type.</summary>
    public static IModelRequest MinimalRequest(string modelId)
    {
        var model = ModelCatalog.Find(modelId)!;
        var request = (IModelRequest)Activator.CreateInstance(model.RequestType)!;
        model.RequestType.GetProperty("Prompt", BindingFlags.Public | BindingFlags.Instance)!.SetValue(request, "a lighthouse at dusk");
        return request;
    }

    /// <summary>Submits and polls until the job ends (bounded: the emulator's jobs take milliseconds).</summary>
    public static Task<JobState> RunAsync(IProviderProtocol protocol, ProviderPayload payload) => RunAsync(protocol, payload.ToSubmission());

    /// <summary>Submits and polls until the job ends (bounded: the emulator's jobs take milliseconds).</summary>
    public static async Task<JobState> RunAsync(IProviderProtocol protocol, ProviderSubmission submission)
    {
        var state = await protocol.SubmitAsync(submission);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!state.IsTerminal)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{protocol.ProviderId} job {state.Handle.JobId} did not finish; last status {state.ProviderStatus}");
            await Task.Delay(10);
            state = await protocol.GetStateAsync(state.Handle);
        }

        return state;
    }

    /// <summary>Downloads an output and reads what it is: its format from its bytes and the header, and its size.</summary>
    public async Task<(ImageFormat? Sniffed, ImageFormat? Declared, ImageSize? Size)> DownloadAsync(JobOutput output)
    {
        if (output.Url is null)
        {
            return (ImageFormats.Sniff(output.Data.Span), ImageFormats.FromMediaType(output.MediaType), ImageDimensions.Read(output.Data.Span));
        }

        using var response = await Http.GetAsync(output.Url);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (ImageFormats.Sniff(bytes), ImageFormats.FromMediaType(response.Content.Headers.ContentType?.MediaType), ImageDimensions.Read(bytes));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

using FluxSpecs.Errors;
using System.Text.Json;
using FluxSpecs.Clients;
using FluxSpecs.CustomProvider.Tests.Acme;
using FluxSpecs.CustomProvider.Tests.AcmeSketch;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;
using FluxSpecs.Validation;

namespace FluxSpecs.CustomProvider.Tests;

/// <summary>
/// A provider FluxSpecs does not ship, defined entirely in this project, runs a job end to end through
/// <see cref="FluxSpecsClient"/>: the card's generated request maps to it, prices on it, and its protocol is spoken
/// against a real endpoint on loopback.
/// </summary>
public sealed class EighthProviderTests
{
    public EighthProviderTests() => AcmeProvider.EnsureRegistered();

    [Fact]
    public void The_registry_knows_the_provider_beside_the_built_in_ones()
    {
        Assert.Same(AcmeProvider.Definition, ProviderRegistry.Get("acme"));
        Assert.Contains("acme", ProviderRegistry.Ids);
        Assert.Contains(ProviderIds.Bfl, ProviderRegistry.Ids);
        Assert.Equal(["acme"], AcmeSketchClient.Providers);
    }

    [Fact]
    public void Registering_another_definition_under_a_taken_id_is_refused()
    {
        AcmeProvider.EnsureRegistered(); // the same definition again is fine
        var impostor = new ProviderDefinition
        {
            Id = "acme",
            DisplayName = "Impostor",
            DefaultBaseUrl = new Uri("https://impostor.invalid/"),
            KeyVariable = "IMPOSTOR_KEY",
            Auth = ProviderAuth.Bearer,
            Body = BodyEnvelope.Flat,
            CreateProtocol = connection => new AcmeProtocol(connection),
        };

        var error = Assert.Throws<ArgumentException>(() => ProviderRegistry.Register(impostor));
        Assert.Contains("'acme' is already registered", error.Message, StringComparison.Ordinal);
        Assert.Same(AcmeProvider.Definition, ProviderRegistry.Get("acme"));
    }

    [Fact]
    public void The_payload_follows_the_card_and_the_provider_definitions_envelope()
    {
        var payload = new AcmeSketchRequest { Prompt = "a fox", Width = 256 }.CreatePayload("acme");

        Assert.Equal("sketch-1", payload.ProviderModelId);
        Assert.Equal("""{"model":"sketch-1","text":"a fox","width":256}""", payload.GetJsonText());
    }

    [Fact]
    public void The_price_comes_from_the_card()
    {
        var estimate = new AcmeSketchRequest { Prompt = "a fox" }.EstimatePrice("acme");

        Assert.Equal(0.002m, estimate.AmountUsd);
    }

    [Fact]
    public async Task A_job_runs_end_to_end_through_the_client()
    {
        await using var endpoint = await AcmeEndpoint.StartAsync();
        using var client = new FluxSpecsClient(Options(endpoint));
        var progress = new List<JobStatus>();

        var job = await new AcmeSketchClient(client).GenerateAsync(
            new AcmeSketchRequest { Prompt = "a fox", Height = 128 },
            "acme",
            new SynchronousProgress(state => progress.Add(state.Status)));

        Assert.Equal(JobStatus.Succeeded, job.State.Status);
        Assert.Equal(AcmeEndpoint.Png, await job.DownloadAsync());
        Assert.Contains(JobStatus.Running, progress);
        Assert.Equal(0.002m, job.Estimate?.AmountUsd);
        var create = endpoint.Received.First(r => r.Method == "POST");
        Assert.Equal("acme-test-key", create.Key);
        Assert.Equal("""{"model":"sketch-1","text":"a fox","height":128}""", create.Body);

        // The saved id re-attaches through the same registry.
        var again = client.Attach(job.Id);
        await again.WaitForCompletionAsync();
        Assert.Equal(JobStatus.Succeeded, again.State.Status);
    }

    [Fact]
    public async Task An_invalid_request_lists_its_violations_and_sends_nothing()
    {
        await using var endpoint = await AcmeEndpoint.StartAsync();
        using var client = new FluxSpecsClient(Options(endpoint));

        // The analyzer reports these constants at compile time; this test is about what the runtime does with them.
#pragma warning disable FSPEC1001, FSPEC1002
        var error = await Assert.ThrowsAsync<RequestValidationException>(() =>
            client.StartAsync(new AcmeSketchRequest { Prompt = "a fox", Width = 100, Height = 2048 }, "acme"));
#pragma warning restore FSPEC1001, FSPEC1002

        Assert.Equal(["width", "height"], error.Violations.Select(v => v.Parameter));
        Assert.Empty(endpoint.Received);
    }

    [Fact]
    public void An_unregistered_provider_is_named_with_those_that_are()
    {
        var error = Assert.Throws<ArgumentException>(() => ProviderRegistry.Get("acme-typo"));

        Assert.Contains("'acme-typo' is not a registered provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("acme, bfl", error.Message, StringComparison.Ordinal);
    }

    private static FluxSpecsOptions Options(AcmeEndpoint endpoint)
    {
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Polling.MinInterval = TimeSpan.FromMilliseconds(10);
        options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(20);
        options.Providers["acme"] = new ProviderOptions { ApiKey = "acme-test-key", BaseUrl = endpoint.BaseUrl };
        return options;
    }

    private sealed class SynchronousProgress(Action<JobState> report) : IProgress<JobState>
    {
        public void Report(JobState value) => report(value);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxSpecs.Catalog;
using FluxSpecs.Clients;
using FluxSpecs.Emulator;
using FluxSpecs.Errors;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// The proof that adding a card needs no C# and no test edit: every shipped card, copied under a new id into a scratch
/// specs folder beside the originals, goes through the real generator, the catalog, the CLI and the emulator, and behaves
/// exactly as the card it was copied from. The copies come from specs/, so a new card is copied too.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class CopiedCardTests
{
    private const string Prompt = "a lighthouse";

    private static string CopyId(string originalId) => "acme-copy-of-" + originalId;

    [Fact]
    public async Task Every_card_copied_under_a_new_id_is_generated_catalogued_priced_mapped_and_emulated_like_its_original()
    {
        var folder = Directory.CreateTempSubdirectory("fluxspecs-copied-cards-");
        try
        {
            // The scratch specs/: every shipped card, and a copy of each with its id (and the provider model names that
            // contain it) rewritten — the only edit a contributor makes to add a model like it.
            foreach (var path in ShippedCards.Files())
            {
                var text = await File.ReadAllTextAsync(path);
                var id = ShippedCards.IdOf(path);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, Path.GetFileName(path)), text);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, CopyId(id) + ".model.yaml"), text.Replace(id, CopyId(id), StringComparison.Ordinal));
            }

            // The generator, as the models project runs it: no card diagnostic, no compiler warning, six files per copy.
            var build = ScratchModels.CompileFolder(folder.FullName);
            Assert.Equal(ShippedCards.Ids().Concat(ShippedCards.Ids().Select(CopyId)).Order(StringComparer.Ordinal), build.Catalog.Select(m => m.Id));

            foreach (var original in Models.ModelCatalog.Models)
            {
                var copyId = CopyId(original.Id);
                var copy = build.Catalog.Single(m => m.Id == copyId);
                var stem = copy.RequestType.Name[..^"Request".Length];
                Assert.Equal(6, build.HintNames.Count(name => name.StartsWith(ScratchModels.RootNamespace + "." + stem + ".", StringComparison.Ordinal)));

                // The catalog: the same parameters and providers, and the same price for the same request everywhere.
                Assert.Equal(original.Parameters.Select(p => p.Name), copy.Parameters.Select(p => p.Name));
                Assert.Equal(original.Providers.Select(p => p.Id), copy.Providers.Select(p => p.Id));
                foreach (var provider in original.Providers.Where(p => p.Pricing is not null))
                {
                    var expected = Minimal(original).EstimatePrice(provider.Id);
                    var actual = Minimal(copy).EstimatePrice(provider.Id);
                    Assert.Equal((expected.AmountUsd, expected.Credits, expected.OutputSize), (actual.AmountUsd, actual.Credits, actual.OutputSize));
                }

                await TheCliTreatsTheCopyAsTheOriginal(build.Catalog, original.Id, copyId);
            }

            await TheEmulatorServesEveryCopy(build.Catalog, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>describe, payload and price over a build that includes the copy say what they say for the original.</summary>
    private static async Task TheCliTreatsTheCopyAsTheOriginal(IReadOnlyList<ModelDescriptor> catalog, string originalId, string copyId)
    {
        var describedCopy = await Cli.RunAsync(catalog, "", "describe", copyId, "--json");
        var describedOriginal = await Cli.RunAsync("describe", originalId, "--json");
        Assert.True(describedCopy.ExitCode == 0, describedCopy.Error);
        Assert.Equal(Section(describedOriginal.Out, "parameters"), Section(describedCopy.Out, "parameters"));

        foreach (var provider in catalog.Single(m => m.Id == copyId).Providers)
        {
            var copied = await Cli.RunAsync(catalog, "", "payload", "--model", copyId, "--provider", provider.Id, "--set", "prompt=" + Prompt, "--json");
            var shipped = await Cli.RunAsync("payload", "--model", originalId, "--provider", provider.Id, "--set", "prompt=" + Prompt, "--json");
            Assert.True(copied.ExitCode == 0, copied.Error);

            // The same request, but where the provider's model name (which had the id in it) is written.
            Assert.Equal(Section(shipped.Out, "body").Replace(originalId, copyId, StringComparison.Ordinal), Section(copied.Out, "body"));
            Assert.Equal(Section(shipped.Out, "url").Replace(originalId, copyId, StringComparison.Ordinal), Section(copied.Out, "url"));
        }

        var prices = await Cli.RunAsync(catalog, "", "price", "--model", copyId, "--all", "--set", "prompt=" + Prompt, "--json");
        var originalPrices = await Cli.RunAsync("price", "--model", originalId, "--all", "--set", "prompt=" + Prompt, "--json");
        Assert.Equal(originalPrices.ExitCode, prices.ExitCode);
        Assert.Equal(Amounts(originalPrices.Out), Amounts(prices.Out));
    }

    /// <summary>
    /// The CLI's own emulator serves each copy (generate --emulate); an emulator given the build runs a job for every copy
    /// on every provider's protocol and refuses a body the copy's plan does not allow; one given only the shipped cards
    /// refuses the copies.
    /// </summary>
    private static async Task TheEmulatorServesEveryCopy(IReadOnlyList<ModelDescriptor> catalog, string folder)
    {
        var copies = catalog.Where(m => m.Id.StartsWith(CopyId(""), StringComparison.Ordinal)).ToList();
        foreach (var copy in copies)
        {
            var generated = await Cli.RunAsync(catalog, "", "generate", "--model", copy.Id, "--provider", copy.Providers[0].Id, "--emulate", "--prompt", Prompt, "--out", Path.Combine(folder, copy.Id), "--json");
            Assert.True(generated.ExitCode == 0, $"{copy.Id}: {generated.Error}");
            using var answer = JsonDocument.Parse(generated.Out);
            Assert.Equal(copy.Id, answer.RootElement.GetProperty("model").GetString());
            Assert.True(new FileInfo(answer.RootElement.GetProperty("path").GetString()!).Length > 0);
        }

        await using (var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Models = catalog, Strict = true }))
        {
            using var client = new FluxSpecsClient(Options(emulator, copies.SelectMany(c => c.Providers.Select(p => p.Id))));
            var jobs = copies.SelectMany(copy => copy.Providers.Select(async provider =>
            {
                var job = await client.GenerateAsync(Minimal(copy), provider.Id);
                return (Pair: copy.Id + "/" + provider.Id, job.State.Status, Image: (await job.DownloadAsync()).Length);
            }));
            Assert.All(await Task.WhenAll(jobs), job => Assert.True(job.Status == JobStatus.Succeeded && job.Image > 0, $"{job.Pair}: {job.Status}"));

            foreach (var copy in copies)
            {
                Assert.True(await AnUnknownFieldIsRefused(emulator, catalog, copy), $"{copy.Id} has no provider with a JSON body to send.");
            }
        }

        await using var shippedOnly = await EmulatorServer.StartAsync(new EmulatorOptions { Strict = true });
        // A copy the shipped emulator cannot know: one whose provider model id no shipped card uses on that provider (a
        // shipped card that is itself a copy of another shares its original's endpoints).
        var (unknown, first) = copies
            .SelectMany(copy => copy.Providers.Select(provider => (Copy: copy, Provider: provider.Id, provider.ModelId)))
            .Where(c => !Models.ModelCatalog.Models.Any(m => m.FindProvider(c.Provider)?.ModelId == c.ModelId))
            .Select(c => (c.Copy, c.Provider))
            .First();
        using var refusing = new FluxSpecsClient(Options(shippedOnly, [first]));
        var refused = await Assert.ThrowsAsync<ProviderException>(() => refusing.StartAsync(Minimal(unknown), first));
        Assert.False(refused.JobMayExist);
    }

    /// <summary>The copy's exact JSON body from <c>payload</c>, with one field its plan does not have, sent to the emulator.</summary>
    private static async Task<bool> AnUnknownFieldIsRefused(EmulatorServer emulator, IReadOnlyList<ModelDescriptor> catalog, ModelDescriptor copy)
    {
        foreach (var provider in copy.Providers)
        {
            var payload = await Cli.RunAsync(catalog, "", "payload", "--model", copy.Id, "--provider", provider.Id, "--set", "prompt=" + Prompt, "--json");
            var document = JsonNode.Parse(payload.Out)!;
            if (document["body"] is not JsonObject body)
            {
                continue; // a multipart body: its parts are checked by the jobs above
            }

            body["acme_unknown_field"] = 1;
            var real = ProviderRegistry.Get(provider.Id).DefaultBaseUrl.ToString();
            var url = document["url"]!.GetValue<string>();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.ProviderBaseUrl(provider.Id), url[real.Length..]))
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            foreach (var header in document["headers"]!.AsObject().Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value!.GetValue<string>().Replace("***", "test-key", StringComparison.Ordinal));
            }

            using var http = new HttpClient();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{copy.Id}/{provider.Id}: {(int)response.StatusCode} {text}");
            Assert.Contains("acme_unknown_field", text, StringComparison.Ordinal);
            return true;
        }

        return false;
    }

    private static FluxSpecsOptions Options(EmulatorServer emulator, IEnumerable<string> providers)
    {
        var options = new FluxSpecsOptions { AllowLoopbackHttp = true };
        options.Polling.MinInterval = TimeSpan.FromMilliseconds(10);
        options.Polling.TypicalRunTime = TimeSpan.FromMilliseconds(20);
        foreach (var provider in providers.Distinct())
        {
            options.Providers[provider] = new ProviderOptions { ApiKey = "test-key", BaseUrl = emulator.ProviderBaseUrl(provider) };
        }

        return options;
    }

    /// <summary>A request with every required string set, as <c>--set prompt=…</c> does for the cards here.</summary>
    private static IModelRequest Minimal(ModelDescriptor model)
    {
        var request = model.CreateRequest();
        foreach (var parameter in model.Parameters.Where(p => p.Required && p.Type == ParameterType.String))
        {
            request.SetParameter(parameter.Name, Prompt);
        }

        return request;
    }

    private static string Section(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(property).GetRawText();
    }

    /// <summary>Each provider's price in a <c>price --all --json</c> answer, whatever the order.</summary>
    private static IReadOnlyList<string> Amounts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray()
            .Select(e => e.GetProperty("provider").GetString() + "=" + (e.TryGetProperty("amount", out var amount) ? amount.GetRawText() : "none"))
            .Order(StringComparer.Ordinal)];
    }
}

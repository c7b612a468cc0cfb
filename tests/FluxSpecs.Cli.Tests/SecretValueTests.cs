using System.Text.Json;
using FluxSpecs.Models;

namespace FluxSpecs.Cli.Tests;

/// <summary>
/// A request's <c>secret: true</c> values (BFL's <c>webhook_secret</c>) are printed as <c>***</c> by every command,
/// human and <c>--json</c>, unless <c>payload --show-secrets</c> asks for them. The cards' secret options are read from
/// the catalog, so a new card's secrets are checked too.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class SecretValueTests
{
    /// <summary>Every (model, provider) whose provider-only options include a secret.</summary>
    public static TheoryData<string, string> ProvidersWithSecrets()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers.Where(p => p.Extra.Any(e => e.Secret)))
            {
                data.Add(model.Id, provider.Id);
            }
        }

        return data;
    }

    [Fact]
    public void The_shipped_cards_have_a_secret_to_test()
    {
        Assert.NotEmpty(ProvidersWithSecrets());
    }

    [Theory]
    [MemberData(nameof(ProvidersWithSecrets))]
    public async Task Payload_masks_each_secret_in_human_and_json_output(string modelId, string providerId)
    {
        var (sets, secrets, fields) = Secrets(modelId, providerId);

        var human = await Cli.RunAsync(["payload", "--model", modelId, "--provider", providerId, "--set", "prompt=x", .. sets]);
        var json = await Cli.RunAsync(["payload", "--model", modelId, "--provider", providerId, "--set", "prompt=x", .. sets, "--json"]);

        Assert.Equal(0, human.ExitCode);
        Assert.Equal(0, json.ExitCode);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, human.Out + human.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, json.Out + json.Error, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(json.Out);
        var body = document.RootElement.GetProperty("body");
        foreach (var field in fields)
        {
            Assert.Equal("***", Find(body, field));
            Assert.Contains($"\"{field}\": \"***\"", human.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersWithSecrets))]
    public async Task Payload_shows_the_secrets_with_show_secrets(string modelId, string providerId)
    {
        var (sets, secrets, fields) = Secrets(modelId, providerId);

        var human = await Cli.RunAsync(["payload", "--model", modelId, "--provider", providerId, "--set", "prompt=x", .. sets, "--show-secrets"]);
        var json = await Cli.RunAsync(["payload", "--model", modelId, "--provider", providerId, "--set", "prompt=x", .. sets, "--json", "--show-secrets"]);

        using var document = JsonDocument.Parse(json.Out);
        var body = document.RootElement.GetProperty("body");
        foreach (var (secret, field) in secrets.Zip(fields))
        {
            Assert.Equal(secret, Find(body, field));
            Assert.Contains($"\"{field}\": \"{secret}\"", human.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersWithSecrets))]
    public async Task No_other_command_prints_a_secret_on_success_or_failure(string modelId, string providerId)
    {
        var (sets, secrets, _) = Secrets(modelId, providerId);
        var output = Path.Combine(Path.GetTempPath(), $"fluxspecs-secret-{Guid.NewGuid():N}");
        string[] request = ["--model", modelId, "--set", "prompt=x", .. sets];
        try
        {
            var runs = new List<Cli.Result>
            {
                await Cli.RunAsync(["validate", "--provider", providerId, .. request]),
                await Cli.RunAsync(["validate", "--provider", providerId, .. request, "--json"]),
                await Cli.RunAsync(["validate", "--provider", providerId, .. request, "--set", "seed=-1", "--json"]),
                await Cli.RunAsync(["price", "--all", .. request]),
                await Cli.RunAsync(["price", "--all", .. request, "--json"]),
                await Cli.RunAsync(["generate", "--provider", providerId, "--emulate", .. request, "--out", output + ".a"]),
                await Cli.RunAsync(["generate", "--provider", providerId, "--emulate", .. request, "--out", output + ".b", "--json"]),

                // Refused before any job: the error lists the violations.
                await Cli.RunAsync(["generate", "--provider", providerId, "--emulate", .. request, "--set", "seed=-1"]),
            };

            Assert.Equal([0, 0, 2, 0, 0, 0, 0, 2], runs.Select(r => r.ExitCode));
            Assert.All(runs, run => Assert.All(secrets, secret => Assert.DoesNotContain(secret, run.Out + run.Error, StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(output + ".a");
            File.Delete(output + ".b");
        }
    }

    [Fact]
    public async Task A_secret_reused_in_a_field_that_breaks_a_rule_is_not_shown_even_shortened()
    {
        // Validation prints a long value's first 37 characters; those of a secret stay hidden too.
        var secret = "whsec_" + new string('k', 2100);

        var result = await Cli.RunAsync("validate", "--model", "flux-2-pro", "--provider", "bfl", "--set", "prompt=x", "--set", "bfl.webhook_secret=" + secret, "--set", "bfl.webhook_url=" + secret, "--json");

        Assert.Equal(2, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var violation = Assert.Single(document.RootElement.GetProperty("violations").EnumerateArray());
        Assert.Equal("***", violation.GetProperty("value").GetString());
        Assert.DoesNotContain("whsec_kkk", result.Out, StringComparison.Ordinal);
    }

    /// <summary>A fresh value for each secret option of the provider, its --set argument, and the body field it is sent in.</summary>
    private static (string[] Sets, List<string> Secrets, List<string> Fields) Secrets(string modelId, string providerId)
    {
        var provider = ModelCatalog.Models.Single(m => m.Id == modelId).FindProvider(providerId)!;
        var options = provider.Extra.Where(e => e.Secret).ToList();
        var secrets = options.Select(_ => $"whsec_{Guid.NewGuid():N}").ToList();
        var sets = options.Zip(secrets).SelectMany(p => new[] { "--set", $"{providerId}.{p.First.Name}={p.Second}" }).ToArray();
        var fields = options.Select(o => provider.Body.Single(f => f.Extra && f.Parameter == o.Name).Name).ToList();
        return (sets, secrets, fields);
    }

    /// <summary>The string value of the first property named <paramref name="name"/> anywhere in the body.</summary>
    private static string? Find(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.String)
                {
                    return property.Value.GetString();
                }

                if (Find(property.Value, name) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}

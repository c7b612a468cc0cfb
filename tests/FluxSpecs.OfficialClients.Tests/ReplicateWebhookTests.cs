namespace FluxSpecs.OfficialClients.Tests;

/// <summary>
/// A Replicate webhook the emulator sends, received on a loopback listener and verified by the Standard Webhooks library
/// (npm <c>standardwebhooks</c>) and by the Replicate client's <c>validateWebhook</c>, with the secret the client reads
/// from <c>webhooks.default.secret.get()</c>.
/// </summary>
public sealed class ReplicateWebhookTests(OfficialClientsFixture clients) : IClassFixture<OfficialClientsFixture>
{
    [Fact]
    public async Task A_signed_webhook_verifies_with_standardwebhooks_and_a_changed_body_does_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var prediction = (await clients.RunAsync("replicate.mjs", "webhook", new Dictionary<string, string> { ["FLUXSPECS_WEBHOOK"] = receiver.Url.ToString() })).Result;
        var delivery = await receiver.NextAsync(TimeSpan.FromSeconds(30));

        var id = prediction["id"]!.GetValue<string>();
        Assert.Equal("succeeded", prediction["status"]!.GetValue<string>());
        var secret = prediction["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var stdin = new JsonObject
        {
            ["secret"] = secret,
            ["headers"] = new JsonObject(delivery.Headers
                .Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal))
                .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["body"] = delivery.Body,
        };
        var verified = (await clients.RunAsync("standardwebhooks.mjs", "verify", stdin: stdin.ToJsonString())).Result;

        var received = verified["received"]!;
        Assert.True(received["standardwebhooks"]!["verified"]!.GetValue<bool>(), received.ToJsonString());
        Assert.Equal(id, received["standardwebhooks"]!["id"]!.GetValue<string>());
        Assert.Equal("succeeded", received["standardwebhooks"]!["status"]!.GetValue<string>());
        Assert.True(received["replicate"]!["verified"]!.GetValue<bool>(), received.ToJsonString());

        var tampered = verified["tampered"]!;
        Assert.False(tampered["standardwebhooks"]!["verified"]!.GetValue<bool>(), tampered.ToJsonString());
        Assert.False(tampered["replicate"]!["verified"]!.GetValue<bool>(), tampered.ToJsonString());
    }
}

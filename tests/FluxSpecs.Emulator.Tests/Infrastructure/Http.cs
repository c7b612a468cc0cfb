namespace FluxSpecs.Emulator.Tests.Infrastructure;

public static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, JsonNode? body = null, string? fault = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (fault is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Emulator-Fault", fault);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, JsonNode body, string? fault = null, IDictionary<string, string>? headers = null) =>
        SendAsync(client, HttpMethod.Post, path, body, fault, headers);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string path, string? fault = null) =>
        SendAsync(client, HttpMethod.Get, path, null, fault);

    /// <summary>Polls until <paramref name="done"/> holds for the JSON body, within a bounded time.</summary>
    public static async Task<JsonNode> PollAsync(HttpClient client, string path, Func<JsonNode, bool> done, int maxMilliseconds = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(maxMilliseconds);
        while (true)
        {
            var (status, body, _) = await GetAsync(client, path);
            Assert.Equal(HttpStatusCode.OK, status);
            if (done(body!))
            {
                return body!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not reach the expected state: {body}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Downloads an image and checks its Content-Type.</summary>
    public static async Task<byte[]> DownloadAsync(string url, string expectedContentType)
    {
        using var client = TestHttpClients.Plain();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static string Str(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("Missing string.");
}

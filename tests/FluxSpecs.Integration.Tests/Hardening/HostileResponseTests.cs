using FluxSpecs.Errors;
using System.Net;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>
/// Provider answers that are huge, cut off, not JSON or JSON of the wrong shape: on every provider's create and status
/// call, each ends in a <see cref="ProviderException"/> with a message (or, where the answer still makes sense, a state),
/// never a JsonException, FormatException, InvalidCastException or the like.
/// </summary>
public sealed class HostileResponseTests
{
    private static readonly Uri Base = new("https://provider.example/");

    public static TheoryData<string> Providers() => [.. ProviderRegistry.Ids];

    /// <summary>Answers that can never be read as a job.</summary>
    public static TheoryData<string, string> Unreadable() => Cases(UnreadableBodies.Select(b => b.Name));

    /// <summary>Answers that can never be read as a job's state (the job id is already known, so an id is not needed).</summary>
    public static TheoryData<string, string> UnreadableStatus() =>
        Cases(UnreadableBodies.Select(b => b.Name).Where(name => !name.Contains("id", StringComparison.Ordinal)));

    private static TheoryData<string, string> Cases(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderRegistry.Ids)
        {
            foreach (var name in names)
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    /// <summary>Answers with fields of the wrong type or range: read as far as they make sense, else refused.</summary>
    public static TheoryData<string, string> WrongShaped()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderRegistry.Ids)
        {
            foreach (var (name, _) in WrongShapedBodies)
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    private static readonly (string Name, string Body)[] UnreadableBodies =
    [
        ("empty", ""),
        ("html page", "<html><body>502 Bad Gateway</body></html>"),
        ("truncated", "{\"id\": \"abc\", \"status\": \"succ"),
        ("array", "[1, 2, 3]"),
        ("string", "\"ok\""),
        ("nested 10000 deep", new string('[', 10_000) + new string(']', 10_000)),
        ("empty id", "{\"id\": \"\", \"job_id\": \"\", \"task_id\": \"\", \"request_id\": \"\", \"data\": {\"task_id\": \"\"}}"),
        ("ids of the wrong type", "{\"id\": [1], \"job_id\": {\"a\": 1}, \"task_id\": true, \"request_id\": null, \"data\": {\"task_id\": [\"x\"]}}"),
    ];

    private static readonly (string Name, string Body)[] WrongShapedBodies =
    [
        ("numbers out of range", "{\"id\": \"j1\", \"job_id\": \"j1\", \"request_id\": \"j1\", \"data\": {\"task_id\": \"j1\", \"status\": \"COMPLETED\", \"generated\": [12]}, \"status\": \"Pending\", \"cost\": 1e400, \"progress\": -1e400, \"queue_position\": 1e30, \"usage\": {\"cost\": 1e999}, \"created\": 1e400}"),
        ("fields of the wrong type", "{\"id\": \"j1\", \"job_id\": \"j1\", \"request_id\": \"j1\", \"data\": {\"task_id\": \"j1\", \"status\": 7, \"generated\": {\"a\": 1}}, \"status\": {\"a\": 1}, \"output\": 12, \"result\": [true], \"error\": [1, 2], \"urls\": \"nope\", \"status_url\": 5, \"polling_url\": [\"x\"], \"usage\": \"free\"}"),
        ("links that are not URLs", "{\"id\": \"j1\", \"job_id\": \"j1\", \"request_id\": \"j1\", \"data\": {\"task_id\": \"j1\"}, \"polling_url\": \"not a url\", \"status_url\": \"javascript:alert(1)\", \"response_url\": \"http://evil.example/steal\", \"cancel_url\": \"ftp://x\", \"urls\": {\"get\": \"http://evil.example/steal\", \"cancel\": \"::\"}}"),
        ("succeeded with hostile outputs", "{\"id\": \"j1\", \"job_id\": \"j1\", \"request_id\": \"j1\", \"status\": \"succeeded\", \"output\": [\"not a url\", 5, \"file:///etc/passwd\"], \"data\": [{\"b64_json\": \"@@not base64@@\"}, {\"url\": \"::\"}], \"images\": [{\"url\": \"data:image/png;base64,@@@\"}]}"),
    ];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_unreadable_create_answer_is_a_provider_error_saying_a_job_may_exist(string providerId, string body)
    {
        var (protocol, _) = Stubbed(providerId, _ => StubHandler.Json(UnreadableBodies.Single(b => b.Name == body).Body));

        var error = await Assert.ThrowsAsync<ProviderException>(() => protocol.SubmitAsync(Submission(providerId)));

        Assert.Equal("create", error.Operation);
        Assert.True(error.JobMayExist);
        Assert.True(error.IsUnreadableAnswer);
        Assert.False(string.IsNullOrWhiteSpace(error.ProviderMessage));
        Assert.DoesNotContain("test-key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnreadableStatus))]
    public async Task An_unreadable_status_answer_is_a_provider_error(string providerId, string body)
    {
        if (providerId == ProviderIds.Lumenfall)
        {
            return; // synchronous: no status call
        }

        var (protocol, _) = Stubbed(providerId, _ => StubHandler.Json(UnreadableBodies.Single(b => b.Name == body).Body));

        var error = await Assert.ThrowsAsync<ProviderException>(() => protocol.GetStateAsync(Handle(providerId)));

        Assert.Equal("status", error.Operation);
        Assert.False(error.JobMayExist);
        Assert.True(error.IsUnreadableAnswer);
    }

    [Theory]
    [MemberData(nameof(WrongShaped))]
    public async Task A_wrong_shaped_answer_is_read_as_far_as_it_makes_sense_or_refused(string providerId, string body)
    {
        var json = WrongShapedBodies.Single(b => b.Name == body).Body;
        var (protocol, stub) = Stubbed(providerId, _ => StubHandler.Json(json));

        foreach (var call in new Func<Task<JobState>>[] { () => protocol.SubmitAsync(Submission(providerId)), () => protocol.GetStateAsync(Handle(providerId)) })
        {
            if (providerId == ProviderIds.Lumenfall && stub.Requests.Count == 1)
            {
                break;
            }

            try
            {
                var state = await call();
                Assert.False(string.IsNullOrEmpty(state.Handle.JobId));
                Assert.All(state.Outputs, o => Assert.True(o.Url is null || o.Url.Scheme is "http" or "https", o.ToString()));
            }
            catch (ProviderException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }

        // Whatever the answer said, the key was only ever sent to the configured host.
        Assert.All(stub.Requests, r => Assert.Equal(Base.Host, r.Url.Host));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_huge_answer_is_refused_unread(string providerId)
    {
        var declared = 0;
        var endless = new List<EndlessContent>();
        var (protocol, _) = Stubbed(
            providerId,
            _ =>
            {
                // First an answer that says it is 200 MB, then one that streams 200 MB without saying so.
                if (declared++ == 0)
                {
                    var response = StubHandler.Json("{}");
                    response.Content.Headers.ContentLength = 200_000_000;
                    return response;
                }

                var content = new EndlessContent(200_000_000);
                endless.Add(content);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            },
            maxResponseBytes: 1024 * 1024);

        var first = await Assert.ThrowsAsync<ProviderException>(() => protocol.SubmitAsync(Submission(providerId)));
        var second = await Assert.ThrowsAsync<ProviderException>(() => protocol.SubmitAsync(Submission(providerId)));

        Assert.Contains("larger than 1048576 bytes", first.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 1048576 bytes", second.Message, StringComparison.Ordinal);
        Assert.InRange(Assert.Single(endless).Served, 1, 2 * 1024 * 1024);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_answer_cut_off_mid_way_is_a_transport_error(string providerId)
    {
        var (protocol, _) = Stubbed(providerId, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new CutOffContent("{\"id\": \"abc\""u8.ToArray()) });

        var error = await Assert.ThrowsAsync<ProviderTransportException>(() => protocol.SubmitAsync(Submission(providerId)));

        Assert.True(error.JobMayExist);
        Assert.Contains("cut off", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_huge_error_message_is_shortened(string providerId)
    {
        var message = new string('x', 1_000_000);
        var (protocol, _) = Stubbed(providerId, _ => StubHandler.Json("{\"detail\": \"" + message + "\", \"error\": {\"message\": \"" + message + "\"}, \"message\": \"" + message + "\"}", HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<ProviderException>(() => protocol.SubmitAsync(Submission(providerId)));

        Assert.InRange(error.Message.Length, 1, 1000);
    }

    [Fact]
    public async Task A_redirected_api_call_is_not_followed_so_the_key_stays_with_the_provider()
    {
        var stub = new StubHandler(request => request.RequestUri!.Host == Base.Host
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://collector.example/steal") } }
            : StubHandler.Json("{\"id\": \"stolen\"}"));
        using var http = new HttpClient(FluxSpecs.Clients.FluxSpecsHttp.CreateHandler(new FluxSpecs.Clients.RetryOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, stub));
        var protocol = ProviderRegistry.Get("bfl").CreateProtocol(new ProviderConnection(http, Base, "test-key"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => protocol.SubmitAsync(Submission("bfl")));

        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.DoesNotContain(stub.Requests, r => r.Url.Host == "collector.example");
    }

    [Fact]
    public void The_clients_own_handler_follows_no_redirects()
    {
        using var handler = (SocketsHttpHandler)FluxSpecs.Clients.FluxSpecsHttp.CreatePrimaryHandler();

        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public async Task A_key_echoed_in_an_error_page_is_redacted()
    {
        var (protocol, _) = Stubbed("bfl", request => new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("Debug: you sent " + request.Headers.ToString()),
        });

        var error = await Assert.ThrowsAsync<ProviderException>(() => protocol.SubmitAsync(Submission("bfl")));

        Assert.Contains("x-key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-key", error.Message, StringComparison.Ordinal);
    }

    private static (IProviderProtocol Protocol, StubHandler Stub) Stubbed(string providerId, Func<HttpRequestMessage, HttpResponseMessage> answer, long? maxResponseBytes = null)
    {
        var stub = new StubHandler(answer);
        var connection = new ProviderConnection(new HttpClient(stub), Base, "test-key") { MaxResponseBytes = maxResponseBytes ?? ProviderConnection.DefaultMaxResponseBytes };
        return (ProviderRegistry.Get(providerId).CreateProtocol(connection), stub);
    }

    private static ProviderSubmission Submission(string providerId) =>
        EmulatedProviders.MinimalRequest("flux-2-pro").CreatePayload(providerId).ToSubmission();

    private static JobHandle Handle(string providerId) => providerId switch
    {
        ProviderIds.Fal => new JobHandle(providerId, "j1", new Dictionary<string, string>
        {
            ["status_url"] = Base + "fal-ai/flux-2-pro/requests/j1/status",
            ["response_url"] = Base + "fal-ai/flux-2-pro/requests/j1",
            ["cancel_url"] = Base + "fal-ai/flux-2-pro/requests/j1/cancel",
        }),
        ProviderIds.Magnific => new JobHandle(providerId, "j1", new Dictionary<string, string> { ["endpoint"] = "flux-2-pro" }),
        _ => new JobHandle(providerId, "j1"),
    };
}

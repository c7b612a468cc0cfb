using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluxSpecs.Images;
using FluxSpecs.Mapping;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Benchmarks.Images;

/// <summary>
/// Row 4: a request with local reference images sent to a provider that takes them as base64 inside the JSON body:
/// BFL (up to eight, each as a <c>data:image/png;base64,…</c> URI) or Magnific (up to four, raw base64). Both paths POST
/// the same body to a <see cref="DiscardingServer"/> on loopback:
/// <list type="bullet">
/// <item><c>Product</c>: <c>CreatePayload(provider).ToHttpContent()</c>, as <c>FluxSpecsClient</c> sends it.</item>
/// <item><c>Naive</c>: <c>Convert.ToBase64String(File.ReadAllBytes(path))</c> per image, the fields in a dictionary
/// serialized to a string, sent as <see cref="StringContent"/>.</item>
/// </list>
/// </summary>
public sealed class ReferenceUpload : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private readonly string _directory;
    private readonly DiscardingServer _server = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler(), disposeHandler: true);

    public ReferenceUpload(string providerId, int images, int bytesPerImage)
    {
        ProviderId = providerId;
        _directory = Path.Combine(Path.GetTempPath(), "fluxspecs-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var random = new Random(images * 31 + bytesPerImage);
        var paths = new List<string>();
        for (var i = 0; i < images; i++)
        {
            var bytes = new byte[bytesPerImage];
            random.NextBytes(bytes);
            byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
            png.AsSpan(0, Math.Min(png.Length, bytes.Length)).CopyTo(bytes);
            var path = Path.Combine(_directory, $"reference-{i + 1}.png");
            File.WriteAllBytes(path, bytes);
            paths.Add(path);
        }

        Paths = paths;
    }

    public string ProviderId { get; }

    public IReadOnlyList<string> Paths { get; }

    public DiscardingServer Server => _server;

    public Flux2ProRequest Request() => new()
    {
        Prompt = "Combine the reference images into one scene",
        InputImages = [.. Paths.Select(ImageInput.FromFile)],
        Seed = 7,
    };

    /// <summary>What FluxSpecs sends: the generated payload as HTTP content.</summary>
    public async Task SendProductAsync()
    {
        var payload = Request().CreatePayload(ProviderId);
        using var content = payload.ToHttpContent();
        using var response = await _http.PostAsync(_server.BaseAddress, content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The common hand-written way: base64 strings, a string body.</summary>
    public async Task SendNaiveAsync()
    {
        var request = Request();
        var body = new Dictionary<string, object?> { ["prompt"] = request.Prompt };
        for (var i = 0; i < Paths.Count; i++)
        {
            var base64 = Convert.ToBase64String(File.ReadAllBytes(Paths[i]));
            var name = i == 0 ? "input_image" : "input_image_" + (i + 1).ToString(CultureInfo.InvariantCulture);
            body[name] = ProviderId == ProviderIds.Bfl ? "data:image/png;base64," + base64 : base64;
        }

        body["seed"] = request.Seed;
        var json = JsonSerializer.Serialize(body, Relaxed);
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_server.BaseAddress, content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Both paths put the same number of body bytes on the wire (the bodies are equal; this checks their size).</summary>
    public async Task CheckSameBodyLengthAsync()
    {
        var before = _server.BytesReceived;
        await SendProductAsync().ConfigureAwait(false);
        var product = _server.BytesReceived - before;
        await SendNaiveAsync().ConfigureAwait(false);
        var naive = _server.BytesReceived - before - product;
        if (product != naive)
        {
            throw new InvalidOperationException($"The product sent {product} body bytes and the naive path {naive}.");
        }

        var expected = Request().CreatePayload(ProviderId).GetJsonText();
        if (Encoding.UTF8.GetByteCount(expected) != product)
        {
            throw new InvalidOperationException($"The product sent {product} bytes, but its payload has {Encoding.UTF8.GetByteCount(expected)}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_directory, recursive: true);
    }
}

using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluxSpecs.Images;
using FluxSpecs.Mapping;
using FluxSpecs.Providers;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The buffer and <see cref="Utf8JsonWriter"/> a generated mapper writes a JSON body into, and the step that turns the
/// written bytes into a <see cref="ProviderPayload"/>.
/// </summary>
/// <remarks>
/// <para>
/// The writer is compact and uses <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: the body goes to an HTTP
/// API, never into HTML, so there is no reason to escape <c>+</c> in base64 images or non-ASCII letters in prompts.
/// Quotes, backslashes and control characters are still escaped, as JSON requires.
/// </para>
/// <para>
/// The writer and its buffer are pooled per thread, so a body allocates only its final bytes. Images sent as base64
/// (<see cref="WriteImage"/>) are not copied into the body: the payload keeps the image and encodes it while the body is
/// sent, so the memory a send needs does not grow with the images' size.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonBody
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Scratch? t_cached;

    private readonly ProviderDefinition _provider;
    private readonly string _providerModelId;
    private Scratch? _scratch;
    private List<DeferredImage>? _images;

    /// <summary>Starts the body of <paramref name="provider"/>: its envelope, with the model id where the body carries it.</summary>
    public JsonBody(ProviderDefinition provider, string providerModelId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(providerModelId);
        _provider = provider;
        _providerModelId = providerModelId;
        _scratch = t_cached ?? new Scratch();
        t_cached = null;
        Envelope.Start(_scratch.Writer, provider.Body, providerModelId);
    }

    /// <summary>The writer; the generated mapper writes every field through it.</summary>
    /// <exception cref="InvalidOperationException">The body was already turned into a payload.</exception>
    public Utf8JsonWriter Writer => (_scratch ?? throw new InvalidOperationException("The body was already turned into a payload.")).Writer;

    /// <summary>
    /// Writes a JSON string value holding <paramref name="prefix"/> followed by the base64 of <paramref name="image"/>'s
    /// bytes (a local file or bytes in memory, <paramref name="length"/> bytes, checked by the caller). The base64 is
    /// made when the payload is sent or its JSON is read, not now.
    /// </summary>
    internal void WriteImage(ImageInput image, string prefix, long length)
    {
        var writer = Writer;
        writer.WriteStringValue(ReadOnlySpan<byte>.Empty);
        writer.Flush();
        (_images ??= []).Add(new DeferredImage(_scratch!.Buffer.WrittenCount - 1, image, prefix, length));
    }

    /// <summary>Closes the model's input where the provider wraps it; what follows goes at the top of the body.</summary>
    public void EndInput() => Envelope.EndInput(Writer, _provider.Body);

    /// <summary>Closes the body, flushes the writer and wraps what was written.</summary>
    /// <exception cref="InvalidOperationException">The JSON is incomplete (an object or array was left open).</exception>
    public ProviderPayload ToPayload(IReadOnlyList<string> warnings)
    {
        var scratch = _scratch ?? throw new InvalidOperationException("The body was already turned into a payload.");
        var providerId = _provider.Id;
        var providerModelId = _providerModelId;
        scratch.Writer.WriteEndObject();
        scratch.Writer.Flush();
        if (scratch.Writer.CurrentDepth != 0)
        {
            throw new InvalidOperationException($"The {providerId} body is incomplete: an object or array was left open.");
        }

        var json = scratch.Buffer.WrittenSpan.ToArray();
        _scratch = null;
        scratch.Reset();
        t_cached = scratch;
        return _images is null
            ? ProviderPayload.FromJson(providerId, providerModelId, json, warnings)
            : ProviderPayload.FromJson(providerId, providerModelId, json, _images, warnings);
    }

    /// <summary>A writer and its buffer, reused by the next body on the same thread.</summary>
    private sealed class Scratch
    {
        public Scratch() => Writer = new Utf8JsonWriter(Buffer, Options);

        public PooledBufferWriter Buffer { get; } = new();

        public Utf8JsonWriter Writer { get; }

        public void Reset()
        {
            Buffer.Reset();
            Writer.Reset(Buffer);
        }
    }
}

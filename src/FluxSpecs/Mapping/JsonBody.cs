using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FluxSpecs.Mapping;

/// <summary>
/// The buffer and <see cref="Utf8JsonWriter"/> a generated mapper writes a JSON body into, and the step that turns the
/// written bytes into a <see cref="ProviderPayload"/>.
/// </summary>
/// <remarks>
/// The writer is compact and uses <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: the body goes to an HTTP
/// API, never into HTML, so there is no reason to escape <c>+</c> in base64 images or non-ASCII letters in prompts.
/// Quotes, backslashes and control characters are still escaped, as JSON requires.
/// </remarks>
public sealed class JsonBody
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Starts an empty body.</summary>
    public JsonBody()
    {
        _buffer = new ArrayBufferWriter<byte>(256);
        Writer = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>The writer; the generated mapper writes the envelope and every field through it.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>Flushes the writer and wraps what was written.</summary>
    /// <exception cref="InvalidOperationException">The JSON is incomplete (an object or array was left open).</exception>
    public ProviderPayload ToPayload(string providerId, string providerModelId, IReadOnlyList<string> warnings)
    {
        Writer.Flush();
        if (Writer.CurrentDepth != 0)
        {
            throw new InvalidOperationException($"The {providerId} body is incomplete: an object or array was left open.");
        }

        return ProviderPayload.FromJson(providerId, providerModelId, _buffer.WrittenMemory, warnings);
    }
}

using System.Text.Json;
using FluxSpecs.Providers;

namespace FluxSpecs.Mapping;

/// <summary>
/// Writes a provider's <see cref="BodyEnvelope"/> around the fields a generated mapper writes: the model id where the
/// body carries it, and the <c>input</c> object where the provider wraps the model's input.
/// </summary>
internal static class Envelope
{
    /// <summary>Opens the body and, for wrapping providers, the <c>input</c> object; writes the model id where the body carries it.</summary>
    public static void Start(Utf8JsonWriter writer, BodyEnvelope envelope, string providerModelId)
    {
        writer.WriteStartObject();
        if (envelope is BodyEnvelope.ModelAndInput or BodyEnvelope.FlatWithModel)
        {
            writer.WriteString("model", providerModelId);
        }

        if (Wraps(envelope))
        {
            writer.WriteStartObject("input");
        }
    }

    /// <summary>Closes the <c>input</c> object of wrapping providers; what follows is written at the top of the body.</summary>
    public static void EndInput(Utf8JsonWriter writer, BodyEnvelope envelope)
    {
        if (Wraps(envelope))
        {
            writer.WriteEndObject();
        }
    }

    /// <summary>Starts a multipart form: the model id as the first text part where the body carries it.</summary>
    /// <exception cref="NotSupportedException">The provider wraps its input in an object, which a form cannot do.</exception>
    public static void Start(ICollection<MultipartPart> parts, ProviderDefinition provider, string providerModelId)
    {
        if (Wraps(provider.Body))
        {
            throw new NotSupportedException($"{provider.Id} wraps its input in an object; it cannot take a multipart form.");
        }

        if (provider.Body is BodyEnvelope.FlatWithModel)
        {
            parts.Add(MultipartPart.Text("model", providerModelId));
        }
    }

    private static bool Wraps(BodyEnvelope envelope) => envelope is BodyEnvelope.ModelAndInput or BodyEnvelope.Input;
}

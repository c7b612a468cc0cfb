using System.Text.Json;

namespace FluxSpecs.Mapping;

/// <summary>
/// Where a provider's body puts the model's input and the provider's model id: the one thing about a body that is the
/// protocol's, not the card's. Generated mappers call it by provider id so the generator stays provider-agnostic.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>provider</term><description>body</description></listheader>
/// <item><term><c>core-today</c></term><description><c>{"model": id, "input": {…}, top-level fields}</c> (seeds 000, 001)</description></item>
/// <item><term><c>replicate</c></term><description><c>{"input": {…}, top-level fields}</c>; the model is in the URL (<c>/v1/models/{owner}/{name}/predictions</c>)</description></item>
/// <item><term><c>vtrix</c>, <c>lumenfall</c></term><description>fields at the top, with <c>"model": id</c> first (Vtrix's <c>flux_2_pro</c>, seed 002; Lumenfall is OpenAI-compatible, seed 004)</description></item>
/// <item><term><c>bfl</c>, <c>fal</c>, <c>magnific</c></term><description>fields at the top; the model is in the URL path</description></item>
/// </list>
/// The same shapes hold for a multipart form, which can only be flat: the model id is a text part when the shape has it.
/// </remarks>
public static class Envelope
{
    /// <summary>Opens the body and, for wrapping providers, the <c>input</c> object; writes the model id where the body carries it.</summary>
    public static void Start(Utf8JsonWriter writer, string providerId, string providerModelId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var shape = ShapeOf(providerId);
        writer.WriteStartObject();
        if (shape is EnvelopeShape.ModelAndInput or EnvelopeShape.FlatWithModel)
        {
            writer.WriteString("model", providerModelId);
        }

        if (shape is EnvelopeShape.ModelAndInput or EnvelopeShape.Input)
        {
            writer.WriteStartObject("input");
        }
    }

    /// <summary>Closes the <c>input</c> object of wrapping providers; what follows is written at the top of the body.</summary>
    public static void EndInput(Utf8JsonWriter writer, string providerId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (ShapeOf(providerId) is EnvelopeShape.ModelAndInput or EnvelopeShape.Input)
        {
            writer.WriteEndObject();
        }
    }

    /// <summary>Closes the body.</summary>
    public static void End(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEndObject();
    }

    /// <summary>Starts a multipart form: the model id as the first text part where the body carries it.</summary>
    /// <exception cref="NotSupportedException">The provider wraps its input in an object, which a form cannot do.</exception>
    public static void Start(ICollection<MultipartPart> parts, string providerId, string providerModelId)
    {
        ArgumentNullException.ThrowIfNull(parts);
        switch (ShapeOf(providerId))
        {
            case EnvelopeShape.FlatWithModel:
                parts.Add(MultipartPart.Text("model", providerModelId));
                break;
            case EnvelopeShape.Flat:
                break;
            default:
                throw new NotSupportedException($"{providerId} wraps its input in an object; it cannot take a multipart form.");
        }
    }

    private static EnvelopeShape ShapeOf(string providerId) => providerId switch
    {
        ProviderIds.CoreToday => EnvelopeShape.ModelAndInput,
        ProviderIds.Replicate => EnvelopeShape.Input,
        ProviderIds.Vtrix or ProviderIds.Lumenfall => EnvelopeShape.FlatWithModel,
        ProviderIds.Bfl or ProviderIds.Fal or ProviderIds.Magnific => EnvelopeShape.Flat,
        _ => throw new ArgumentOutOfRangeException(nameof(providerId), providerId, "No body shape is known for this provider."),
    };

    private enum EnvelopeShape
    {
        /// <summary><c>{"model", "input": {…}}</c>.</summary>
        ModelAndInput,

        /// <summary><c>{"input": {…}}</c>.</summary>
        Input,

        /// <summary>Top-level fields with <c>"model"</c>.</summary>
        FlatWithModel,

        /// <summary>Top-level fields; the model is in the URL.</summary>
        Flat,
    }
}

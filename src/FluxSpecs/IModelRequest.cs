using FluxSpecs.Errors;
using FluxSpecs.Catalog;
using FluxSpecs.Images;
using FluxSpecs.Mapping;
using FluxSpecs.Pricing;
using FluxSpecs.Validation;

namespace FluxSpecs;

/// <summary>A request for one model, generated from its card.</summary>
public interface IModelRequest
{
    /// <summary>The model's card, as a catalog entry.</summary>
    ModelDescriptor Model { get; }

    /// <summary>Checks the request against the model's own rules; returns every violation.</summary>
    ValidationResult Validate();

    /// <summary>
    /// Checks the request against the model's rules and the narrower rules of <paramref name="providerId"/>; returns
    /// every violation, and warnings about parameters the provider will drop.
    /// </summary>
    ValidationResult Validate([ProviderId] string providerId);

    /// <summary>
    /// The exact body <paramref name="providerId"/> receives for this request, written by the mapper generated from the
    /// card: the provider's field names, image encoding, value conversions and envelope. Parameters left null are not
    /// sent (the provider applies its default), and parameters the provider drops are listed in
    /// <see cref="ProviderPayload.Warnings"/>.
    /// </summary>
    /// <remarks>
    /// The request is validated for the provider first; nothing is produced for an invalid one. <c>local</c> (the
    /// emulator) has no body of its own, since it speaks every provider's protocol: ask for the payload of the
    /// provider whose protocol it should emulate.
    /// </remarks>
    /// <exception cref="RequestValidationException">
    /// The request breaks the model's or the provider's rules (every violation is listed), or the provider does not offer the model.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="providerId"/> is <c>local</c>.</exception>
    /// <exception cref="InvalidOperationException">
    /// An image is a URL but the provider takes the image's bytes (base64, multipart file): download it first.
    /// </exception>
    ProviderPayload CreatePayload([ProviderId] string providerId);

    /// <summary>
    /// Sets the parameter the card names <paramref name="name"/> (a provider-only one as <c>provider.name</c>, such as
    /// <c>bfl.webhook_url</c>) from <paramref name="value"/>: its C# value, or for enums the wire value the card spells
    /// (<c>"16:9"</c>), for integers an <see cref="int"/> or <see cref="long"/>, for images URLs, data URIs or paths.
    /// Null means not set. Tools that fill requests from names (the CLI, a JSON file) use it instead of reflection.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no such parameter, or the value is not of its type; the message names both.</exception>
    void SetParameter(string name, object? value);

    /// <summary>The value of the parameter the card names <paramref name="name"/> (as <see cref="SetParameter"/> names it); null when not set.</summary>
    /// <exception cref="ArgumentException">The model has no such parameter.</exception>
    object? GetParameter(string name);

    /// <summary>
    /// A copy of the request whose reference images are those <paramref name="replace"/> gives for each one (with its
    /// card parameter name and index); this request is unchanged. <see cref="Clients.FluxSpecsClient"/> uses it to
    /// download the URL images a provider needs as bytes.
    /// </summary>
    ValueTask<IModelRequest> WithImagesAsync(ImageReplacer replace, CancellationToken cancellationToken = default);

    /// <summary>
    /// The size <paramref name="providerId"/> would produce for this request, by that provider's own size rule in the
    /// card (or the card's <c>output_size</c>); null when it depends on the input image (<c>match_input_image</c>) or the
    /// card gives no rule. The request is checked against the provider's rules first.
    /// </summary>
    /// <exception cref="RequestValidationException">The request breaks the provider's rules, or the provider does not offer the model.</exception>
    ImageSize? OutputSize([ProviderId] string providerId);

    /// <summary>
    /// What the request would cost on <paramref name="providerId"/>, before anything is sent: computed from the card's
    /// pricing section, the output size the provider would produce, and the reference images (measured when they are
    /// bytes or local files; a URL's size is assumed, and the estimate says so).
    /// </summary>
    /// <exception cref="RequestValidationException">The request breaks the provider's rules, or the provider does not offer the model.</exception>
    /// <exception cref="NotSupportedException">The provider publishes no price for the model.</exception>
    PriceEstimate EstimatePrice([ProviderId] string providerId);
}

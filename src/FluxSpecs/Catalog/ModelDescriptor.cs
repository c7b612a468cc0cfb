namespace FluxSpecs.Catalog;

/// <summary>A model as its card describes it: the catalog entry tools read instead of reflecting over types.</summary>
public sealed record ModelDescriptor
{
    /// <summary>The model id (<c>flux-2-pro</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>Who makes the model.</summary>
    public string? Vendor { get; init; }

    /// <summary>The card's description.</summary>
    public string? Description { get; init; }

    /// <summary>The generated request type.</summary>
    public required Type RequestType { get; init; }

    /// <summary>Makes an empty request of <see cref="RequestType"/> (required parameters unset), to fill with <see cref="IModelRequest.SetParameter"/>.</summary>
    public required Func<IModelRequest> RequestFactory { get; init; }

    /// <summary>An empty request for the model, to fill by parameter name with <see cref="IModelRequest.SetParameter"/>.</summary>
    public IModelRequest CreateRequest() => RequestFactory();

    /// <summary>The parameters, in card order.</summary>
    public required IReadOnlyList<ParameterDescriptor> Parameters { get; init; }

    /// <summary>The providers that offer the model, in card order.</summary>
    public required IReadOnlyList<ProviderDescriptor> Providers { get; init; }

    /// <summary>
    /// The card name of the image count, <c>image_count</c>: reserved for the count a card declares with its top-level
    /// <c>image_count</c> key (the request's <c>ImageCount</c>).
    /// </summary>
    public const string ImageCountParameter = "image_count";

    /// <summary>
    /// The image count (how many images one request asks for, 1 to its maximum), or null when the card declares none
    /// and every request makes one image.
    /// </summary>
    public ParameterDescriptor? ImageCount => FindParameter(ImageCountParameter);

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public ParameterDescriptor? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The provider with id <paramref name="providerId"/>, or null when it does not offer the model.</summary>
    public ProviderDescriptor? FindProvider(string providerId) => Providers.FirstOrDefault(p => p.Id == providerId);
}

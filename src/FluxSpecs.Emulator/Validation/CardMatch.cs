using FluxSpecs.Catalog;

namespace FluxSpecs.Emulator.Validation;

/// <summary>The card and provider section a provider model id or endpoint belongs to.</summary>
/// <param name="Model">The model's card.</param>
/// <param name="Provider">The provider's section of it.</param>
/// <param name="Edit">True when the id is the provider's edit endpoint (<see cref="ProviderDescriptor.EditModelId"/>).</param>
internal sealed record CardMatch(ModelDescriptor Model, ProviderDescriptor Provider, bool Edit)
{
    /// <summary>The body rules for this model on this provider.</summary>
    internal WireSchema Schema => WireSchema.For(Model, Provider, Edit);

    /// <summary>The card among <paramref name="models"/> whose <paramref name="providerId"/> section names <paramref name="providerModelId"/>, or null.</summary>
    public static CardMatch? Find(IEnumerable<ModelDescriptor> models, string providerId, string? providerModelId)
    {
        if (string.IsNullOrEmpty(providerModelId))
        {
            return null;
        }

        foreach (var model in models)
        {
            if (model.FindProvider(providerId) is not { } provider)
            {
                continue;
            }

            if (provider.ModelId == providerModelId)
            {
                return new CardMatch(model, provider, Edit: false);
            }

            if (provider.EditModelId == providerModelId)
            {
                return new CardMatch(model, provider, Edit: true);
            }
        }

        return null;
    }

    /// <summary>The provider model ids (and edit endpoints) <paramref name="models"/> give <paramref name="providerId"/>.</summary>
    public static IReadOnlyList<string> KnownIds(IEnumerable<ModelDescriptor> models, string providerId) =>
    [
        .. models
            .Select(m => m.FindProvider(providerId))
            .OfType<ProviderDescriptor>()
            .SelectMany(p => p.EditModelId is null ? [p.ModelId] : new[] { p.ModelId, p.EditModelId }),
    ];
}

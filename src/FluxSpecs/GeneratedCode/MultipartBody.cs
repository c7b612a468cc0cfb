using System.ComponentModel;
using FluxSpecs.Mapping;
using FluxSpecs.Providers;

namespace FluxSpecs.GeneratedCode;

/// <summary>The parts a generated mapper writes a multipart form into, and the step that turns them into a <see cref="ProviderPayload"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultipartBody
{
    private readonly ProviderDefinition _provider;
    private readonly string _providerModelId;
    private readonly List<MultipartPart> _parts = [];

    /// <summary>Starts the form of <paramref name="provider"/>: the model id as the first part where its body carries it.</summary>
    /// <exception cref="NotSupportedException">The provider wraps its input in an object, which a form cannot do.</exception>
    public MultipartBody(ProviderDefinition provider, string providerModelId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(providerModelId);
        _provider = provider;
        _providerModelId = providerModelId;
        Envelope.Start(_parts, provider, providerModelId);
    }

    /// <summary>The parts, in the order they are sent.</summary>
    public ICollection<MultipartPart> Parts => _parts;

    /// <summary>Wraps the parts.</summary>
    public ProviderPayload ToPayload(IReadOnlyList<string> warnings) =>
        ProviderPayload.FromParts(_provider.Id, _providerModelId, _parts, warnings);
}

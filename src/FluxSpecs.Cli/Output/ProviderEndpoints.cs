using FluxSpecs.Catalog;
using FluxSpecs.Providers;

namespace FluxSpecs.Cli.Output;

/// <summary>
/// Where a provider's create requests go, as its protocol builds them: the base URL (or the provider's
/// <c>FLUXSPECS_&lt;ID&gt;_BASE_URL</c>) with the path the protocol derives from the provider's model id and the body kind.
/// </summary>
internal static class ProviderEndpoints
{
    /// <summary>The base URL requests go to: the provider's base URL variable when set, else its public API.</summary>
    public static Uri BaseUrl(ProviderDefinition definition) =>
        Environment.GetEnvironmentVariable(definition.BaseUrlVariable) is { Length: > 0 } url ? new Uri(url) : definition.DefaultBaseUrl;

    /// <summary>The provider's protocol over a connection that sends nothing on its own, to build requests with.</summary>
    public static IProviderProtocol Protocol(ProviderDefinition definition, HttpClient http, string? key) =>
        definition.CreateProtocol(new ProviderConnection(http, BaseUrl(definition), key ?? "***"));

    /// <summary>
    /// The method and URL of a create request for the provider's text-to-image model id, and of one with reference
    /// images (the card's <c>edit_model</c> when it has one; a multipart form where the provider takes images as files,
    /// which Lumenfall sends to <c>/images/edits</c>). Edit is null when the model takes no reference images; both are
    /// null for a provider this process has no definition of (an application's own, not registered here).
    /// </summary>
    public static (Endpoint? Generate, Endpoint? Edit) Of(ModelDescriptor model, ProviderDescriptor provider)
    {
        if (!ProviderRegistry.TryGet(provider.Id, out var definition))
        {
            return (null, null);
        }

        using var http = new HttpClient();
        var protocol = Protocol(definition, http, null);
        var takesImages = model.Parameters.Any(p => p.Type == ParameterType.ImageList);
        var filesForImages = provider.Body.Any(field => field.ImageEncoding == ImageEncodingKind.File);
        return (Build(protocol, provider.ModelId, multipart: false), takesImages ? Build(protocol, provider.EditModelId ?? provider.ModelId, filesForImages) : null);
    }

    private static Endpoint Build(IProviderProtocol protocol, string modelId, bool multipart)
    {
        using HttpContent content = multipart ? new MultipartFormDataContent() : new ByteArrayContent([]);
        using var message = protocol.BuildCreateRequest(new ProviderSubmission(modelId, content));
        return new Endpoint(message.Method.Method, message.RequestUri!.AbsoluteUri, multipart);
    }

    /// <summary>A create request's method and URL, and whether its body is a multipart form (else JSON).</summary>
    public sealed record Endpoint(string Method, string Url, bool Multipart)
    {
        public override string ToString() => $"{Method} {Url} ({(Multipart ? "multipart form" : "JSON")})";
    }
}

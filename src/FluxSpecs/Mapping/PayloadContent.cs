using FluxSpecs.Errors;
using System.Net.Http.Headers;
using FluxSpecs.Images;
using FluxSpecs.Providers;

namespace FluxSpecs.Mapping;

/// <summary>Turns a <see cref="ProviderPayload"/> into what a protocol sends.</summary>
public static class PayloadContent
{
    /// <summary>
    /// The payload as HTTP content: the JSON bytes (base64 images encoded while they are sent, a chunk at a time), or
    /// multipart form data (files read when sent). Each file is checked as it is opened: missing, unreadable, too large
    /// or not the image it claims is a <see cref="Errors.RequestValidationException"/>, before anything is sent.
    /// </summary>
    public static HttpContent ToHttpContent(this ProviderPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Parts is not { } parts)
        {
            var json = payload.DeferredImages is null ? new ReadOnlyMemoryContent(payload.Json) : (HttpContent)new JsonWithImagesContent(payload);
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return json;
        }

        var form = new MultipartFormDataContent();
        try
        {
            foreach (var part in parts)
            {
                if (part.Image is { } image)
                {
                    var (parameter, index) = part.Source ?? (part.Name, 0);
                    var file = image.Kind == ImageSourceKind.File
                        ? (HttpContent)new StreamContent(GeneratedCode.ImageEncoding.OpenChecked(image, parameter, index))
                        : new ReadOnlyMemoryContent(image.Data);
                    file.Headers.ContentType = new MediaTypeHeaderValue(part.MediaType!);
                    form.Add(file, part.Name, part.FileName!);
                }
                else
                {
                    form.Add(new StringContent(part.Value!), part.Name);
                }
            }
        }
        catch
        {
            // The files opened so far are closed with the form.
            form.Dispose();
            throw;
        }

        return form;
    }

    /// <summary>The submission for the payload's provider.</summary>
    public static ProviderSubmission ToSubmission(this ProviderPayload payload) => new(payload.ProviderModelId, payload.ToHttpContent());
}

/// <summary>A JSON body whose base64 images are encoded as it is sent; its length is known up front.</summary>
internal sealed class JsonWithImagesContent(ProviderPayload payload) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        payload.WriteJsonAsync(stream, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
        payload.WriteJsonAsync(stream, cancellationToken);

    protected override void SerializeToStream(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
        payload.WriteJsonAsync(stream, cancellationToken).GetAwaiter().GetResult();

    protected override bool TryComputeLength(out long length)
    {
        length = payload.JsonLength;
        return true;
    }
}

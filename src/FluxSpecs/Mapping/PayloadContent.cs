using System.Net.Http.Headers;
using FluxSpecs.Images;
using FluxSpecs.Providers;

namespace FluxSpecs.Mapping;

/// <summary>Turns a <see cref="ProviderPayload"/> into what a protocol sends.</summary>
public static class PayloadContent
{
    /// <summary>The payload as HTTP content: the JSON bytes, or multipart form data (files read when sent).</summary>
    public static HttpContent ToHttpContent(this ProviderPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Parts is not { } parts)
        {
            var json = new ReadOnlyMemoryContent(payload.Json);
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return json;
        }

        var form = new MultipartFormDataContent();
        foreach (var part in parts)
        {
            if (part.Image is { } image)
            {
                var file = image.Kind == ImageSourceKind.File
                    ? (HttpContent)new StreamContent(File.OpenRead(image.FilePath!))
                    : new ReadOnlyMemoryContent(image.Data);
                file.Headers.ContentType = new MediaTypeHeaderValue(part.MediaType!);
                form.Add(file, part.Name, part.FileName!);
            }
            else
            {
                form.Add(new StringContent(part.Value!), part.Name);
            }
        }

        return form;
    }

    /// <summary>The submission for the payload's provider.</summary>
    public static ProviderSubmission ToSubmission(this ProviderPayload payload) => new(payload.ProviderModelId, payload.ToHttpContent());
}

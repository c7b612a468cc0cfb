using System.Net.Http.Headers;
using FluxSpecs.Images;
using FluxSpecs.Providers;

namespace FluxSpecs.Mapping;

/// <summary>Turns a <see cref="ProviderPayload"/> into what a protocol sends.</summary>
public static class PayloadContent
{
    /// <summary>
    /// The payload as HTTP content: the JSON bytes, or multipart form data (files read when sent). Each file is checked
    /// as it is opened: missing, unreadable, too large or not the image it claims is a
    /// <see cref="Validation.RequestValidationException"/>, before anything is sent.
    /// </summary>
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
        try
        {
            foreach (var part in parts)
            {
                if (part.Image is { } image)
                {
                    var (parameter, index) = part.Source ?? (part.Name, 0);
                    var file = image.Kind == ImageSourceKind.File
                        ? (HttpContent)new StreamContent(Conversions.ImageEncoding.OpenChecked(image, parameter, index))
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

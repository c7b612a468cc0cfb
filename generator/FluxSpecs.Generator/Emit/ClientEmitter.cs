using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Emits the model's typed client: the one obvious way to price, compare, start, generate and re-attach for this
    /// model, over the hand-written <c>FluxSpecsClient</c>, plus a Microsoft.Extensions.AI <c>IImageGenerator</c>.
    /// </summary>
    internal static class ClientEmitter
    {
        private const string Clients = KnownTypes.Clients;
        private const string Ai = KnownTypes.Ai;

        public static string Emit(EmitSpec spec)
        {
            var card = spec.Card;
            var client = card.TypePrefix + "Client";
            var request = spec.RequestTypeName;
            var providers = string.Join(", ", card.Providers.Select(p => Literals.String(p.Id)));
            return Template.File($$"""
                {{Template.FileHeader}}
                #pragma warning disable MEAI001 // Microsoft.Extensions.AI's image abstraction is experimental; this adapter implements it knowingly.

                namespace {{spec.Namespace}}
                {
                    {{Template.Doc("summary", Literals.Xml(card.Name) + " on any provider that offers it: price, compare, start, generate, re-attach.", indent: 1)}}
                    /// <remarks>Wraps a shared <see cref="{{KnownTypes.FluxSpecsClient}}"/>; create one per use, they are cheap.</remarks>
                    {{Literals.GeneratedCode}}
                    public sealed class {{client}}
                    {
                        /// <summary>Creates the model's client over <paramref name="client"/>.</summary>
                        public {{client}}({{KnownTypes.FluxSpecsClient}} client)
                        {
                            {{KnownTypes.ArgumentNullException}}.ThrowIfNull(client);
                            Client = client;
                        }

                        /// <summary>The shared client requests go through.</summary>
                        public {{KnownTypes.FluxSpecsClient}} Client { get; }

                        /// <summary>The providers that offer the model, from its card.</summary>
                        public static {{KnownTypes.ReadOnlyList}}<string> Providers { get; } = [{{providers}}];

                        /// <summary>What <paramref name="request"/> would cost on <paramref name="providerId"/>, before anything is sent.</summary>
                        public {{KnownTypes.PriceEstimate}} EstimatePrice({{request}} request, [{{KnownTypes.ProviderId}}] string providerId) => Client.EstimatePrice(request, providerId);

                        /// <summary><paramref name="request"/> priced on every provider, cheapest first, with the reason each other one was left out.</summary>
                        public {{KnownTypes.PriceComparison}} ComparePrices({{request}} request) => {{KnownTypes.PriceComparison}}.For(request);

                        /// <summary>Starts a job on <paramref name="providerId"/> (validated first; the create is sent once).</summary>
                        public {{KnownTypes.Task}}<{{KnownTypes.ImageJob}}> StartAsync({{request}} request, [{{KnownTypes.ProviderId}}] string providerId, {{KnownTypes.CancellationToken}} cancellationToken = default) =>
                            Client.StartAsync(request, providerId, cancellationToken);

                        /// <summary>Starts a job and waits for it with progress; throws when it fails, is moderated or canceled.</summary>
                        public {{KnownTypes.Task}}<{{KnownTypes.ImageJob}}> GenerateAsync({{request}} request, [{{KnownTypes.ProviderId}}] string providerId, {{KnownTypes.Progress}}<{{KnownTypes.JobState}}>? progress = null, {{KnownTypes.CancellationToken}} cancellationToken = default) =>
                            Client.GenerateAsync(request, providerId, progress, cancellationToken);

                        /// <summary>Re-attaches to a job from its saved id.</summary>
                        public {{KnownTypes.ImageJob}} Attach(string jobId) => Client.Attach(jobId);{{Template.After(Groups(spec), indent: 2)}}{{Template.After(ImageGenerator(spec), indent: 2)}}
                    }
                }
                """);
        }

        /// <summary>A card with an image count gets the calls that start, wait for and re-attach to every image of it.</summary>
        private static string[] Groups(EmitSpec spec)
        {
            if (!spec.Card.Parameters.Any(p => p.Name == ImageCount.ParameterName))
            {
                return new string[0];
            }

            var request = spec.RequestTypeName;
            var group = KnownTypes.ImageJobGroup;
            return Literals.NormalizeLineBreaks($$"""

                /// <summary>Starts every image of the request's <c>ImageCount</c> at once: one job where the provider takes a count, else one per image (each create sent once).</summary>
                public {{KnownTypes.Task}}<{{group}}> StartImagesAsync({{request}} request, [{{KnownTypes.ProviderId}}] string providerId, {{KnownTypes.CancellationToken}} cancellationToken = default) =>
                    Client.StartImagesAsync(request, providerId, cancellationToken);

                /// <summary>Starts every image of the request's <c>ImageCount</c> and waits for all of them; throws when any create or job did not succeed.</summary>
                public {{KnownTypes.Task}}<{{group}}> GenerateImagesAsync({{request}} request, [{{KnownTypes.ProviderId}}] string providerId, {{KnownTypes.Progress}}<{{KnownTypes.JobState}}>? progress = null, {{KnownTypes.CancellationToken}} cancellationToken = default) =>
                    Client.GenerateImagesAsync(request, providerId, progress, cancellationToken);

                /// <summary>Re-attaches to a group of jobs from its saved id.</summary>
                public {{group}} AttachGroup(string groupId) => Client.AttachGroup(groupId);
                """).Split('\n');
        }

        /// <summary>
        /// The adapter fills what the abstraction has: the card's <c>prompt</c>, its first image list, and a requested
        /// size as <c>width</c>/<c>height</c> (with <c>aspect_ratio: custom</c> where the card has it). A card without a
        /// string <c>prompt</c>, or with another required parameter the abstraction cannot fill, gets no adapter.
        /// </summary>
        private static string[] ImageGenerator(EmitSpec spec)
        {
            var card = spec.Card;
            var prompt = card.Parameters.FirstOrDefault(p => p.Name == "prompt" && p.Kind == ParameterKind.String);
            if (prompt is null || card.Parameters.Any(p => p.Required && p != prompt))
            {
                return new string[0];
            }

            var images = card.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.ImageList);
            var width = card.Parameters.FirstOrDefault(p => p.Name == "width" && p.Kind == ParameterKind.Integer);
            var height = card.Parameters.FirstOrDefault(p => p.Name == "height" && p.Kind == ParameterKind.Integer);
            var aspect = card.Parameters.FirstOrDefault(p => p.Name == "aspect_ratio" && p.Kind == ParameterKind.Enum && p.Values.Any(v => v.Value == "custom"));

            var count = card.Parameters.FirstOrDefault(p => p.Name == ImageCount.ParameterName);
            var countLine = count is null
                ? new string[0]
                : new[] { count.PropertyName + " = options?.Count is > 1 and var count ? count : null," };
            var imagesLine = images is null
                ? new string[0]
                : new[] { images.PropertyName + " = " + Clients + "FluxSpecsImageGenerator.Images(request)," };
            var sizeLines = width is null || height is null
                ? new string[0]
                : new[]
                {
                    "if (options?.ImageSize is { } size)",
                    "{",
                    "    created = created with { " + (aspect is null ? string.Empty : aspect.PropertyName + " = " + CSharpTypes.EnumValue(spec, aspect, "custom") + ", ")
                        + width.PropertyName + " = size.Width, " + height.PropertyName + " = size.Height };",
                    "}",
                };
            return Literals.NormalizeLineBreaks($$"""

                /// <summary>This model on <paramref name="providerId"/> as a Microsoft.Extensions.AI image generator.</summary>
                public {{Ai}}IImageGenerator AsImageGenerator([{{KnownTypes.ProviderId}}] string providerId) => new {{Clients}}FluxSpecsImageGenerator(Client, providerId, CreateRequest);

                /// <summary>The model's request for an abstraction's request: prompt, original images, size{{(count is null ? string.Empty : ", and count")}}.</summary>
                public static {{spec.RequestTypeName}} CreateRequest({{Ai}}ImageGenerationRequest request, {{Ai}}ImageGenerationOptions? options)
                {
                    {{KnownTypes.ArgumentNullException}}.ThrowIfNull(request);
                    var created = new {{spec.RequestTypeName}}
                    {
                        {{prompt.PropertyName}} = request.Prompt ?? throw new {{KnownTypes.ArgumentException}}("The request has no prompt.", nameof(request)),{{Template.After(imagesLine.Concat(countLine), indent: 2)}}
                    };{{Template.After(sizeLines, indent: 1)}}
                    return created;
                }
                """).Split('\n');
        }
    }
}

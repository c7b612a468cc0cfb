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
            var writer = new SourceWriter().FileHeader();
            writer.Line("#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image abstraction is experimental; this adapter implements it knowingly.");
            writer.Line().Open("namespace " + spec.Namespace);
            writer.Doc("summary", Literals.Xml(card.Name) + " on any provider that offers it: price, compare, start, generate, re-attach.");
            writer.Doc("remarks", "Wraps a shared <see cref=\"" + KnownTypes.FluxSpecsClient + "\"/>; create one per use, they are cheap.");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public sealed class " + client);
            writer.Doc("summary", "Creates the model's client over <paramref name=\"client\"/>.");
            writer.Open("public " + client + "(" + Clients + "FluxSpecsClient client)");
            writer.Line(KnownTypes.ArgumentNullException + ".ThrowIfNull(client);");
            writer.Line("Client = client;");
            writer.Close();
            writer.Line();
            writer.Doc("summary", "The shared client requests go through.");
            writer.Line("public " + Clients + "FluxSpecsClient Client { get; }");
            writer.Line();
            writer.Doc("summary", "The providers that offer the model, from its card.");
            writer.Line("public static " + KnownTypes.ReadOnlyList + "<string> Providers { get; } = [" + string.Join(", ", card.Providers.Select(p => Literals.String(p.Id))) + "];");
            writer.Line();
            writer.Doc("summary", "What <paramref name=\"request\"/> would cost on <paramref name=\"providerId\"/>, before anything is sent.");
            writer.Line("public " + KnownTypes.PriceEstimate + " EstimatePrice(" + request + " request, [" + KnownTypes.ProviderId + "] string providerId) => Client.EstimatePrice(request, providerId);");
            writer.Line();
            writer.Doc("summary", "<paramref name=\"request\"/> priced on every provider, cheapest first, with the reason each other one was left out.");
            writer.Line("public " + KnownTypes.PriceComparison + " ComparePrices(" + request + " request) => " + KnownTypes.PriceComparison + ".For(request);");
            writer.Line();
            writer.Doc("summary", "Starts a job on <paramref name=\"providerId\"/> (validated first; the create is sent once).");
            writer.Line("public " + KnownTypes.Task + "<" + KnownTypes.ImageJob + "> StartAsync(" + request + " request, [" + KnownTypes.ProviderId + "] string providerId, " + KnownTypes.CancellationToken + " cancellationToken = default) =>");
            writer.Line("    Client.StartAsync(request, providerId, cancellationToken);");
            writer.Line();
            writer.Doc("summary", "Starts a job and waits for it with progress; throws when it fails, is moderated or canceled.");
            writer.Line("public " + KnownTypes.Task + "<" + KnownTypes.ImageJob + "> GenerateAsync(" + request + " request, [" + KnownTypes.ProviderId + "] string providerId, global::System.IProgress<" + KnownTypes.JobState + ">? progress = null, " + KnownTypes.CancellationToken + " cancellationToken = default) =>");
            writer.Line("    Client.GenerateAsync(request, providerId, progress, cancellationToken);");
            writer.Line();
            writer.Doc("summary", "Re-attaches to a job from its saved id.");
            writer.Line("public " + KnownTypes.ImageJob + " Attach(string jobId) => Client.Attach(jobId);");
            WriteImageGenerator(writer, spec);
            writer.Close();
            return writer.Close().ToString();
        }

        /// <summary>
        /// The adapter fills what the abstraction has: the card's <c>prompt</c>, its first image list, and a requested
        /// size as <c>width</c>/<c>height</c> (with <c>aspect_ratio: custom</c> where the card has it). A card without a
        /// string <c>prompt</c>, or with another required parameter the abstraction cannot fill, gets no adapter.
        /// </summary>
        private static void WriteImageGenerator(SourceWriter writer, EmitSpec spec)
        {
            var card = spec.Card;
            var prompt = card.Parameters.FirstOrDefault(p => p.Name == "prompt" && p.Kind == ParameterKind.String);
            if (prompt is null || card.Parameters.Any(p => p.Required && p != prompt))
            {
                return;
            }

            var images = card.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.ImageList);
            var width = card.Parameters.FirstOrDefault(p => p.Name == "width" && p.Kind == ParameterKind.Integer);
            var height = card.Parameters.FirstOrDefault(p => p.Name == "height" && p.Kind == ParameterKind.Integer);
            var aspect = card.Parameters.FirstOrDefault(p => p.Name == "aspect_ratio" && p.Kind == ParameterKind.Enum && p.Values.Any(v => v.Value == "custom"));

            writer.Line();
            writer.Doc("summary", "This model on <paramref name=\"providerId\"/> as a Microsoft.Extensions.AI image generator.");
            writer.Line("public " + Ai + "IImageGenerator AsImageGenerator([" + KnownTypes.ProviderId + "] string providerId) => new " + Clients + "FluxSpecsImageGenerator(Client, providerId, CreateRequest);");
            writer.Line();
            writer.Doc("summary", "The model's request for an abstraction's request: prompt, original images, and size.");
            writer.Open("public static " + spec.RequestTypeName + " CreateRequest(" + Ai + "ImageGenerationRequest request, " + Ai + "ImageGenerationOptions? options)");
            writer.Line(KnownTypes.ArgumentNullException + ".ThrowIfNull(request);");
            writer.Line("var created = new " + spec.RequestTypeName);
            writer.Line("{");
            writer.Line("    " + prompt.PropertyName + " = request.Prompt ?? throw new global::System.ArgumentException(\"The request has no prompt.\", nameof(request)),");
            if (images is not null)
            {
                writer.Line("    " + images.PropertyName + " = " + Clients + "FluxSpecsImageGenerator.Images(request),");
            }

            writer.Line("};");
            if (width is not null && height is not null)
            {
                writer.Open("if (options?.ImageSize is { } size)");
                var assignments = (aspect is null ? string.Empty : aspect.PropertyName + " = " + CSharpTypes.EnumValue(spec, aspect, "custom") + ", ")
                    + width.PropertyName + " = size.Width, " + height.PropertyName + " = size.Height";
                writer.Line("created = created with { " + assignments + " };");
                writer.Close();
            }

            writer.Line("return created;");
            writer.Close();
        }
    }
}

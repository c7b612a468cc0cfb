using FluxSpecs.Catalog;
using FluxSpecs.Cli.Requests;

namespace FluxSpecs.Cli;

/// <summary>What a command runs with: its streams and the model catalog (the cards compiled into the tool).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader input, IReadOnlyList<ModelDescriptor> models)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader In { get; } = input;

    public IReadOnlyList<ModelDescriptor> Models { get; } = models;

    /// <summary>
    /// The secret values of the request the command read (<c>secret: true</c> parameters): masked in everything the
    /// command prints, its errors included, unless it was asked to show them (<c>payload --show-secrets</c>).
    /// </summary>
    public SecretValues Secrets { get; private set; } = SecretValues.None;

    /// <summary>
    /// The request from <c>--request</c>, <c>--set</c> and <c>--prompt</c> (<see cref="RequestReader"/>); its secret
    /// values are masked from here on unless <paramref name="showSecrets"/>.
    /// </summary>
    public IModelRequest ReadRequest(ModelDescriptor model, string? requestFile, IReadOnlyList<string> sets, string? prompt = null, bool showSecrets = false, ProviderDescriptor? provider = null)
    {
        var request = RequestReader.Read(model, requestFile, sets, prompt, In, provider);
        Secrets = showSecrets ? SecretValues.None : SecretValues.Of(request);
        return request;
    }

    /// <summary>A model by id; a usage error listing the models when there is none.</summary>
    public ModelDescriptor Model(string id) =>
        Models.FirstOrDefault(m => m.Id == id)
        ?? throw new UsageException($"Unknown model '{id}'. Models: {string.Join(", ", Models.Select(m => m.Id))}.");

    /// <summary>A provider of the model; a usage error listing the model's providers when it is not one.</summary>
    public static ProviderDescriptor Provider(ModelDescriptor model, string providerId) =>
        model.FindProvider(providerId)
        ?? throw new UsageException($"{model.Id} is not offered by '{providerId}'. Providers: {string.Join(", ", model.Providers.Select(p => p.Id))}.");
}

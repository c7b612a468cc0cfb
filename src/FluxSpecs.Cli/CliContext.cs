using FluxSpecs.Catalog;

namespace FluxSpecs.Cli;

/// <summary>What a command runs with: its streams and the model catalog (the cards compiled into the tool).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader input, IReadOnlyList<ModelDescriptor> models)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader In { get; } = input;

    public IReadOnlyList<ModelDescriptor> Models { get; } = models;

    /// <summary>A model by id; a usage error listing the models when there is none.</summary>
    public ModelDescriptor Model(string id) =>
        Models.FirstOrDefault(m => m.Id == id)
        ?? throw new UsageException($"Unknown model '{id}'. Models: {string.Join(", ", Models.Select(m => m.Id))}.");

    /// <summary>A provider of the model; a usage error listing the model's providers when it is not one.</summary>
    public static ProviderDescriptor Provider(ModelDescriptor model, string providerId) =>
        model.FindProvider(providerId)
        ?? throw new UsageException($"{model.Id} is not offered by '{providerId}'. Providers: {string.Join(", ", model.Providers.Select(p => p.Id))}.");
}

using FluxSpecs.Catalog;
using FluxSpecs.Images;

namespace FluxSpecs.Cli.Commands;

/// <summary>
/// <c>generate --out</c>'s name tells the truth about the image in it. An extension that names an image format
/// (<c>.png</c>, <c>.jpg</c>/<c>.jpeg</c>, <c>.webp</c>, <c>.gif</c>, <c>.avif</c> …) is a claim; a path without one, or
/// with another (<c>.img</c>), claims nothing and is kept. Before the (paid) job, a claim that contradicts the format the
/// provider will send — the request's <c>output_format</c>, else the provider's default for it in the card, else the
/// model's — is refused; after the download, where only the bytes tell (a provider without <c>output_format</c>, or one
/// that answers another format), the name is fixed to the format the bytes show.
/// </summary>
internal static class OutputName
{
    private const string FormatParameter = "output_format";

    /// <summary>The file extension for a format, without the dot (<c>jpg</c> for JPEG, as cameras and browsers write it).</summary>
    public static string Extension(ImageFormat format) => format == ImageFormat.Jpeg ? "jpg" : format.ToWireName();

    /// <summary>Refuses an --out whose extension names another format than the one the provider will send, when that is known.</summary>
    /// <exception cref="UsageException">The extension and the format disagree; nothing has been sent.</exception>
    public static void CheckBeforeJob(string? outputPath, ModelDescriptor model, ProviderDescriptor provider, IModelRequest request)
    {
        if (ImageFormats.FromExtension(outputPath) is not { } claimed || Promised(model, provider, request) is not { } promised || promised.Format == claimed)
        {
            return;
        }

        var fixedName = Path.ChangeExtension(outputPath, Extension(promised.Format));
        var settable = Accepts(model, provider, claimed) ? $", or --set {FormatParameter}={claimed.ToWireName()} to get {claimed.ToWireName()}" : "";
        throw new UsageException(
            $"--out {outputPath} names a {claimed.ToWireName()} image, but {provider.Id} will send {promised.Format.ToWireName()} ({promised.Reason}); "
            + $"nothing was sent. Use --out {fixedName}{settable}.");
    }

    /// <summary>
    /// The path to save to: <paramref name="outputPath"/>, or, when its extension names another format than the bytes
    /// show, the same path with the right extension (and the path asked for, to say so).
    /// </summary>
    public static (string Path, string? RenamedFrom) AfterDownload(string outputPath, ImageFormat? actual) =>
        ImageFormats.FromExtension(outputPath) is { } claimed && actual is { } format && format != claimed
            ? (Path.ChangeExtension(outputPath, Extension(format)), outputPath)
            : (outputPath, null);

    /// <summary>The format the provider will send for the request, and why; null when the card cannot tell.</summary>
    private static (ImageFormat Format, string Reason)? Promised(ModelDescriptor model, ProviderDescriptor provider, IModelRequest request)
    {
        if (model.FindParameter(FormatParameter) is not { } parameter || provider.Unsupported.Contains(FormatParameter))
        {
            return null;
        }

        var (value, reason) = request.GetParameter(FormatParameter) switch
        {
            null => provider.Parameters.FirstOrDefault(p => p.Parameter == FormatParameter)?.Default is { } providerDefault
                ? (providerDefault, $"{provider.Id}'s default {FormatParameter} is {providerDefault}")
                : (parameter.Default, $"the default {FormatParameter} is {parameter.Default}"),
            var set => (WireValue(parameter, set), $"the request sets {FormatParameter}={WireValue(parameter, set)}"),
        };
        return value is not null && ImageFormats.FromExtension("." + value) is { } format ? (format, reason) : null;
    }

    /// <summary>Whether the request may ask the provider for <paramref name="format"/>.</summary>
    private static bool Accepts(ModelDescriptor model, ProviderDescriptor provider, ImageFormat format)
    {
        var value = format.ToWireName();
        var modelTakes = model.FindParameter(FormatParameter)?.Values.Any(v => v.Value == value) == true;
        var values = provider.Parameters.FirstOrDefault(p => p.Parameter == FormatParameter)?.Values;
        return modelTakes && (values is null || values.Count == 0 || (values.TryGetValue(value, out var wire) && wire is not null));
    }

    /// <summary>The card's spelling of an enum value the request holds (its C# member).</summary>
    private static string WireValue(ParameterDescriptor parameter, object value) =>
        parameter.Values.FirstOrDefault(v => v.MemberName == value.ToString())?.Value ?? value.ToString()!;
}

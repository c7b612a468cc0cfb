using System.ComponentModel;
using System.Globalization;
using FluxSpecs.Images;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The conversions behind the generated <see cref="IModelRequest.SetParameter"/>: a value given by parameter name (from
/// a tool, a JSON file, a command line) to the parameter's C# type, with an error that names the parameter, the value
/// and what it takes. For generated code; not meant to be called directly.
/// </summary>
/// <remarks>
/// Accepted: a string for strings; an <see cref="int"/> or <see cref="long"/> for integers; any of those or a
/// <see cref="double"/> for numbers; a <see cref="bool"/>; for enums the enum or its wire value (<c>"16:9"</c>); for
/// lists a sequence of those; for images <see cref="ImageInput"/>s or strings that <see cref="ImageInput.Parse"/>
/// reads. Null means not set.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterValues
{
    /// <summary>A string.</summary>
    /// <exception cref="ArgumentException">The value is not a string.</exception>
    public static string? String(string parameter, object? value) => value switch
    {
        null => null,
        string text => text,
        _ => throw Wrong(parameter, "a string", value),
    };

    /// <summary>An integer within <see cref="int"/>.</summary>
    /// <exception cref="ArgumentException">The value is not an integer, or does not fit.</exception>
    public static int? Int32(string parameter, object? value) => value switch
    {
        null => null,
        int number => number,
        long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
        long => throw Wrong(parameter, "an integer from -2147483648 to 2147483647", value),
        _ => throw Wrong(parameter, "an integer", value),
    };

    /// <summary>An integer.</summary>
    /// <exception cref="ArgumentException">The value is not an integer.</exception>
    public static long? Int64(string parameter, object? value) => value switch
    {
        null => null,
        int number => number,
        long number => number,
        _ => throw Wrong(parameter, "an integer", value),
    };

    /// <summary>A number.</summary>
    /// <exception cref="ArgumentException">The value is not a number.</exception>
    public static double? Number(string parameter, object? value) => value switch
    {
        null => null,
        double number => number,
        float number => number,
        int number => number,
        long number => number,
        _ => throw Wrong(parameter, "a number", value),
    };

    /// <summary>True or false.</summary>
    /// <exception cref="ArgumentException">The value is not a <see cref="bool"/>.</exception>
    public static bool? Boolean(string parameter, object? value) => value switch
    {
        null => null,
        bool flag => flag,
        _ => throw Wrong(parameter, "true or false", value),
    };

    /// <summary>An enum member, or the wire value that names one.</summary>
    /// <exception cref="ArgumentException">The value is neither the enum nor one of its wire values.</exception>
    public static T? EnumValue<T>(string parameter, object? value, WireParser<T> parse)
        where T : struct, Enum => value switch
    {
        null => null,
        T member => member,
        string wire => parse(wire, out var member) ? member : throw Wrong(parameter, "one of its card's values", value),
        _ => throw Wrong(parameter, "one of its card's values", value),
    };

    /// <summary>A list of enum members, or of the wire values that name them.</summary>
    /// <exception cref="ArgumentException">The value is not such a list, or an item is not a value of the enum.</exception>
    public static IReadOnlyList<T>? EnumList<T>(string parameter, object? value, WireParser<T> parse)
        where T : struct, Enum => value switch
    {
        null => null,
        IEnumerable<T> members => [.. members],
        IEnumerable<string> wires => [.. wires.Select(wire => EnumValue(parameter, wire, parse)!.Value)],
        _ => throw Wrong(parameter, "a list of its card's values", value),
    };

    /// <summary>A list of images, or of the URLs, data URIs and paths that name them.</summary>
    /// <exception cref="ArgumentException">The value is not such a list, or an item is not an image reference.</exception>
    public static IReadOnlyList<ImageInput>? Images(string parameter, object? value) => value switch
    {
        null => null,
        IEnumerable<ImageInput> images => [.. images],
        IEnumerable<string> references => [.. references.Select(reference => Image(parameter, reference))],
        _ => throw Wrong(parameter, "a list of images (URLs, data URIs or file paths)", value),
    };

    /// <summary>The error for a required parameter given null.</summary>
    public static ArgumentException Required(string parameter) =>
        new($"{parameter} is required; it cannot be set to null.", parameter);

    /// <summary>The error for a name the model does not have.</summary>
    public static ArgumentException Unknown(string parameter, string modelId) =>
        new($"'{parameter}' is not a parameter of {modelId} (a provider-only one is written provider.name).", nameof(parameter));

    private static ImageInput Image(string parameter, string reference)
    {
        try
        {
            return ImageInput.Parse(reference);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ArgumentException($"{parameter}: '{Shorten(reference)}' is not an image URL, data URI or file path ({e.Message})", parameter, e);
        }
    }

    private static ArgumentException Wrong(string parameter, string expected, object value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{parameter} takes {expected}, but got {Describe(value)}."), parameter);

    private static string Describe(object value) => value switch
    {
        string text => "'" + Shorten(text) + "'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture) + " (" + value.GetType().Name + ")",
        _ => "a " + value.GetType().Name,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
